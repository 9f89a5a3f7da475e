package io.rowfs.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.rpc.ReplyStatus;
import io.rowfs.protocol.rpc.RpcReplyHeader;
import io.rowfs.protocol.testsupport.RawTcp;
import io.rowfs.protocol.testsupport.RpcMessages;
import io.rowfs.protocol.testsupport.TestProgram;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RpcServerTest {
    private static final int CAP = 4096;
    private RpcServer server;
    private final TestProgram program = new TestProgram();

    @BeforeEach
    void start() throws IOException {
        server = RpcServer.builder().program(program).maxRecordSize(CAP)
                .maxOutstandingPerConnection(4).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void tcpAndUdpShareTheEphemeralPort() throws Exception {
        assertTrue(server.port() > 0);
        try (RawTcp tcp = new RawTcp(server.localAddress())) {
            assertEquals(ReplyStatus.SUCCESS, RpcMessages.replyHeader(tcp.call(RpcMessages.nullCall(1))).status());
        }
        assertEquals(ReplyStatus.SUCCESS, RpcMessages.replyHeader(udpCall(RpcMessages.nullCall(2))).status());
    }

    @Test
    void udpRepliesGoToTheSenderWithEveryState() throws Exception {
        RpcReplyHeader h = RpcMessages.replyHeader(udpCall(RpcMessages.call(3, 4242, 1, 0,
                io.rowfs.protocol.rpc.AuthNone.INSTANCE, io.rowfs.protocol.rpc.XdrWriter.VOID)));
        assertEquals(3, h.xid());
        assertEquals(ReplyStatus.PROG_UNAVAIL, h.status());
        h = RpcMessages.replyHeader(udpCall(RpcMessages.call(4, TestProgram.PROGRAM, 7, 0,
                io.rowfs.protocol.rpc.AuthNone.INSTANCE, io.rowfs.protocol.rpc.XdrWriter.VOID)));
        assertEquals(ReplyStatus.PROG_MISMATCH, h.status());
    }

    @Test
    void recordOverTheCapClosesOnlyThatConnection() throws Exception {
        try (RawTcp good = new RawTcp(server.localAddress());
             RawTcp bad = new RawTcp(server.localAddress())) {
            assertEquals(ReplyStatus.SUCCESS, RpcMessages.replyHeader(good.call(RpcMessages.nullCall(1))).status());
            byte[] huge = new byte[CAP + 1];
            System.arraycopy(RpcMessages.nullCall(2), 0, huge, 0, 40);
            bad.write(RpcMessages.framed(huge));
            assertTrue(bad.closedByPeer(), "the over-cap connection must be closed");
            for (int i = 0; i < 10; i++) {
                RpcReplyHeader h = RpcMessages.replyHeader(good.call(RpcMessages.nullCall(100 + i)));
                assertEquals(100 + i, h.xid());
            }
        }
    }

    @Test
    void recordsInManyFragmentsOverARealSocket() throws Exception {
        byte[] call = RpcMessages.call(6, TestProgram.PROGRAM, 1, TestProgram.ECHO,
                io.rowfs.protocol.rpc.AuthNone.INSTANCE, out -> out.writeOpaque(new byte[1000]));
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < call.length; i++) {
            boolean last = i == call.length - 1;
            wire.write(new byte[] {(byte) (last ? 0x80 : 0), 0, 0, 1, call[i]});
        }
        try (RawTcp tcp = new RawTcp(server.localAddress())) {
            byte[] bytes = wire.toByteArray();
            for (int off = 0; off < bytes.length; off += 7) {
                tcp.write(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + 7)));
            }
            byte[] reply = tcp.readRecord();
            assertEquals(6, RpcMessages.replyHeader(reply).xid());
            assertEquals(24 + 4 + 1000, reply.length);
            assertEquals(ReplyStatus.SUCCESS, RpcMessages.replyHeader(tcp.call(RpcMessages.nullCall(7))).status());
        }
    }

    @Test
    void recordExactlyAtTheCapIsServed() throws Exception {
        byte[] call = RpcMessages.call(5, TestProgram.PROGRAM, 1, TestProgram.ECHO,
                io.rowfs.protocol.rpc.AuthNone.INSTANCE, out -> out.writeOpaque(new byte[CAP - 44]));
        assertEquals(CAP, call.length);
        try (RawTcp tcp = new RawTcp(server.localAddress())) {
            byte[] reply = tcp.call(call);
            assertEquals(ReplyStatus.SUCCESS, RpcMessages.replyHeader(reply).status());
            assertEquals(24 + 4 + CAP - 44, reply.length);
        }
    }

    @Test
    void randomAndTruncatedBytesNeverKillTheServer() throws Exception {
        Random random = new Random(42);
        byte[] valid = RpcMessages.callWithCredential(9, new io.rowfs.protocol.rpc.AuthSys(1, "fuzz", 1, 1, 1, 2).toOpaqueAuth());
        for (int i = 0; i < 200; i++) {
            try (RawTcp tcp = new RawTcp(server.localAddress())) {
                byte[] junk;
                switch (i % 4) {
                    case 0 -> { junk = new byte[random.nextInt(200)]; random.nextBytes(junk); }
                    case 1 -> junk = RpcMessages.framed(Arrays.copyOf(valid, random.nextInt(valid.length)));
                    case 2 -> {
                        junk = RpcMessages.framed(valid.clone());
                        junk[4 + random.nextInt(valid.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                    default -> junk = Arrays.copyOf(RpcMessages.framed(valid), random.nextInt(valid.length + 4));
                }
                tcp.write(junk);
            } catch (IOException e) {
                // the server may have closed first; that is fine
            }
            byte[] dgram = new byte[random.nextInt(100)];
            random.nextBytes(dgram);
            udpSend(dgram);
        }
        try (RawTcp tcp = new RawTcp(server.localAddress())) {
            assertEquals(ReplyStatus.SUCCESS, RpcMessages.replyHeader(tcp.call(RpcMessages.nullCall(77))).status());
        }
        assertEquals(ReplyStatus.SUCCESS, RpcMessages.replyHeader(udpCall(RpcMessages.nullCall(78))).status());
    }

    @Test
    void outstandingCallsBeyondTheLimitWaitInsteadOfQueueing() throws Exception {
        // 4 outstanding allowed: 10 SILENT calls stall reading; the NULL after them is not answered
        try (RawTcp tcp = new RawTcp(server.localAddress())) {
            for (int i = 0; i < 10; i++) {
                tcp.write(RpcMessages.framed(RpcMessages.call(i, TestProgram.PROGRAM, 1, TestProgram.SILENT,
                        io.rowfs.protocol.rpc.AuthNone.INSTANCE, io.rowfs.protocol.rpc.XdrWriter.VOID)));
            }
            tcp.write(RpcMessages.framed(RpcMessages.nullCall(99)));
            tcp.timeout(500);
            assertThrows(java.net.SocketTimeoutException.class, tcp::readRecord);
        }
        try (RawTcp other = new RawTcp(server.localAddress())) {
            assertEquals(ReplyStatus.SUCCESS, RpcMessages.replyHeader(other.call(RpcMessages.nullCall(1))).status());
        }
    }

    @Test
    void pipelinedCallsBeyondTheLimitAreAllAnsweredInTurn() throws Exception {
        // 4 outstanding allowed; 300 pipelined ECHO calls (answered from another thread) all come back
        try (RawTcp tcp = new RawTcp(server.localAddress())) {
            java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 300; i++) {
                int n = i;
                wire.write(RpcMessages.framed(RpcMessages.call(i, TestProgram.PROGRAM, 1, TestProgram.ECHO,
                        io.rowfs.protocol.rpc.AuthNone.INSTANCE, out -> out.writeOpaque(new byte[n % 50]))));
            }
            tcp.write(wire.toByteArray());
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < 300; i++) {
                RpcReplyHeader h = RpcMessages.replyHeader(tcp.readRecord());
                assertEquals(ReplyStatus.SUCCESS, h.status());
                assertTrue(seen.add(h.xid()), "duplicate xid " + h.xid());
            }
            assertEquals(300, seen.size());
        }
    }

    @Test
    void aClientThatDoesNotReadItsRepliesStopsBeingServed() throws Exception {
        // 4 calls outstanding at most (the count bounds the unsent replies)
        assertServedWhileUnread(server, program, 400);
    }

    @Test
    void unsentReplyBytesBoundAClientThatDoesNotReadWhateverTheCallLimit() throws Exception {
        TestProgram own = new TestProgram();
        try (RpcServer lenient = RpcServer.builder().program(own).maxOutstandingPerConnection(5000)
                .maxUnsentBytesPerConnection(1 << 20).build().start()) {
            assertServedWhileUnread(lenient, own, 400);
        }
    }

    /**
     * Sends 2000 small calls for 64 KiB replies each (125 MiB) and reads none: the server must take
     * calls only while their replies fit the socket buffers and its bound, then wait for the client
     * (fewer than {@code atMost} served); once the client reads, every reply arrives, in order.
     */
    private static void assertServedWhileUnread(RpcServer server, TestProgram program, int atMost) throws Exception {
        int calls = 2000;
        int replyBytes = 64 << 10;
        try (RawTcp tcp = new RawTcp(server.localAddress())) {
            java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < calls; i++) {
                wire.write(RpcMessages.framed(RpcMessages.call(i, TestProgram.PROGRAM, 1, TestProgram.FILL,
                        io.rowfs.protocol.rpc.AuthNone.INSTANCE, out -> out.writeInt(replyBytes))));
            }
            tcp.write(wire.toByteArray());
            int served = -1;
            for (int stable = 0; stable < 10; stable = program.fills.get() == served ? stable + 1 : 0) {
                served = program.fills.get();
                Thread.sleep(100);
            }
            // the kernel holds at most about 2 x 4 MiB (send) + the client's receive buffer, 64 KiB per reply
            assertTrue(served < atMost, served + " of " + calls + " calls were served to a client reading nothing");
            for (int i = 0; i < calls; i++) {
                byte[] reply = tcp.readRecord();
                assertEquals(i, RpcMessages.replyHeader(reply).xid(), "replies in order, none lost");
                assertEquals(24 + 4 + replyBytes, reply.length);
            }
        }
        assertEquals(calls, program.fills.get());
    }

    @Test
    void closeReleasesThePort() throws Exception {
        int port = server.port();
        server.close();
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, s.getLocalPort());
        }
    }

    @Test
    void tcpOnlyServerHasNoUdp() throws Exception {
        try (RpcServer tcpOnly = RpcServer.builder().program(new TestProgram()).udp(false).build().start()) {
            try (RawTcp tcp = new RawTcp(tcpOnly.localAddress())) {
                assertEquals(ReplyStatus.SUCCESS, RpcMessages.replyHeader(tcp.call(RpcMessages.nullCall(1))).status());
            }
            try (DatagramSocket s = new DatagramSocket(tcpOnly.port(), InetAddress.getLoopbackAddress())) {
                assertEquals(tcpOnly.port(), s.getLocalPort());
            }
        }
    }

    private byte[] udpCall(byte[] message) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(5000);
            s.send(new DatagramPacket(message, message.length, server.localAddress()));
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            s.receive(p);
            return Arrays.copyOf(p.getData(), p.getLength());
        }
    }

    private void udpSend(byte[] message) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.send(new DatagramPacket(message, message.length, server.localAddress()));
        }
    }
}
