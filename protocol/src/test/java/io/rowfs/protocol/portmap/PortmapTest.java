package io.rowfs.protocol.portmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.client.RpcReply;
import io.rowfs.protocol.client.RpcStatusException;
import io.rowfs.protocol.rpc.AuthNone;
import io.rowfs.protocol.rpc.ReplyStatus;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.testsupport.TestProgram;
import io.rowfs.protocol.transport.RpcServer;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PortmapTest {
    private final PortmapRegistry registry = new PortmapRegistry();
    private RpcServer portmapper;
    private RpcClient rpc;
    private PortmapClient client;

    @BeforeEach
    void start() throws Exception {
        portmapper = RpcServer.builder().program(new PortmapProgram(registry)).build().start();
        rpc = RpcClient.builder(portmapper.localAddress()).build();
        client = new PortmapClient(rpc);
    }

    @AfterEach
    void stop() {
        rpc.close();
        portmapper.close();
    }

    @Test
    void setGetPortDumpUnsetThroughTheClient() throws Exception {
        client.ping().get();
        assertEquals(0, client.getPort(100003, 3, Portmap.IPPROTO_TCP).get());
        assertTrue(client.set(new Mapping(100003, 3, Portmap.IPPROTO_TCP, 2049)).get());
        assertTrue(client.set(new Mapping(100003, 3, Portmap.IPPROTO_UDP, 2050)).get());
        assertFalse(client.set(new Mapping(100003, 3, Portmap.IPPROTO_TCP, 9999)).get(), "mapped elsewhere");
        assertTrue(client.set(new Mapping(100003, 3, Portmap.IPPROTO_TCP, 2049)).get(), "same mapping again");
        assertEquals(2049, client.getPort(100003, 3, Portmap.IPPROTO_TCP).get());
        assertEquals(2050, client.getPort(100003, 3, Portmap.IPPROTO_UDP).get());
        assertEquals(0, client.getPort(100003, 4, Portmap.IPPROTO_TCP).get());
        assertEquals(List.of(new Mapping(100003, 3, Portmap.IPPROTO_TCP, 2049),
                new Mapping(100003, 3, Portmap.IPPROTO_UDP, 2050)), client.dump().get());
        assertTrue(client.unset(100003, 3).get());
        assertFalse(client.unset(100003, 3).get());
        assertEquals(0, client.getPort(100003, 3, Portmap.IPPROTO_TCP).get());
        assertEquals(List.of(), client.dump().get());
    }

    @Test
    void aServerRegistersItsOwnPrograms() throws Exception {
        try (RpcServer server = RpcServer.builder().program(new TestProgram()).build().start()) {
            registry.registerServer(server);
            for (int v = 1; v <= 2; v++) {
                assertEquals(server.port(), client.getPort(TestProgram.PROGRAM, v, Portmap.IPPROTO_TCP).get());
                assertEquals(server.port(), client.getPort(TestProgram.PROGRAM, v, Portmap.IPPROTO_UDP).get());
            }
            assertEquals(4, client.dump().get().size());
        }
    }

    @Test
    void aServerRegistersWithAPortmapperThroughTheClient() throws Exception {
        try (RpcServer server = RpcServer.builder().program(new TestProgram()).udp(false).build().start()) {
            assertTrue(client.registerServer(server).get());
            assertEquals(server.port(), client.getPort(TestProgram.PROGRAM, 2, Portmap.IPPROTO_TCP).get());
            assertEquals(0, client.getPort(TestProgram.PROGRAM, 2, Portmap.IPPROTO_UDP).get());
            assertTrue(client.unset(TestProgram.PROGRAM, 1).get());
            assertTrue(client.set(new Mapping(TestProgram.PROGRAM, 1, Portmap.IPPROTO_TCP, 1)).get());
            assertFalse(client.registerServer(server).get(), "a registration that clashes with another port");
        }
    }

    @Test
    void theEmbeddedPortmapperListsItself() throws Exception {
        registry.registerServer(portmapper);
        assertEquals(portmapper.port(), client.getPort(Portmap.PROGRAM, Portmap.VERSION, Portmap.IPPROTO_TCP).get());
    }

    @Test
    void embeddedPortmapperFallsBackWhenPort111IsTaken() throws Exception {
        java.net.ServerSocket holder = null;
        try {
            try {
                holder = new java.net.ServerSocket(Portmap.PORT, 1, java.net.InetAddress.getLoopbackAddress());
            } catch (java.io.IOException alreadyTakenOrNotRoot) {
                // someone else holds 111 (or we may not bind it): the fallback must happen all the same
            }
            try (RpcServer pm = EmbeddedPortmapper.start(new PortmapRegistry(),
                    java.net.InetAddress.getLoopbackAddress(), 0)) {
                assertTrue(pm.port() != Portmap.PORT && pm.port() > 0, "port " + pm.port());
                try (RpcClient c = RpcClient.builder(pm.localAddress()).build()) {
                    new PortmapClient(c).ping().get();
                }
            }
        } finally {
            if (holder != null) holder.close();
        }
    }

    @Test
    void callitIsProcUnavail() throws Exception {
        try (RpcReply r = rpc.call(Portmap.PROGRAM, 2, Portmap.PROC_CALLIT, AuthNone.INSTANCE,
                out -> out.writeInt(1).writeInt(1).writeInt(0).writeOpaque(new byte[0])).get()) {
            assertEquals(ReplyStatus.PROC_UNAVAIL, r.status());
        }
    }

    @Test
    void truncatedMappingIsGarbageArgs() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> rpc.call(Portmap.PROGRAM, 2,
                Portmap.PROC_GETPORT, AuthNone.INSTANCE, out -> out.writeInt(100003), in -> 0).get());
        assertInstanceOf(RpcStatusException.class, e.getCause());
        assertEquals(ReplyStatus.GARBAGE_ARGS, ((RpcStatusException) e.getCause()).status());
    }

    @Test
    void version3And4AreProgMismatch() throws Exception {
        try (RpcReply r = rpc.call(Portmap.PROGRAM, 4, 0, AuthNone.INSTANCE, XdrWriter.VOID).get()) {
            assertEquals(ReplyStatus.PROG_MISMATCH, r.status());
            assertEquals(2, r.header().low());
            assertEquals(2, r.header().high());
        }
    }

    @Test
    void pmapListRoundTripsAndRejectsTruncation() {
        List<Mapping> all = List.of(new Mapping(1, 2, 6, 3), new Mapping(-1, -1, 17, 65535));
        ByteBuf buf = Unpooled.buffer();
        try {
            PmapList.encode(all, new XdrEncoder(buf));
            assertEquals(4 + 2 * 20, buf.readableBytes());
            assertEquals(all, PmapList.decode(new XdrDecoder(buf.duplicate())));
            assertThrows(XdrException.class, () -> PmapList.decode(new XdrDecoder(buf.slice(0, 30))));
        } finally {
            buf.release();
        }
    }
}
