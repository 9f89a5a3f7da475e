package io.rowfs.protocol.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.RpcCallHeader;
import io.rowfs.protocol.rpc.RpcReplyHeader;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.transport.RecordMarkingDecoder;
import io.rowfs.protocol.xdr.MessageBuffers;
import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One TCP connection used by one thread at a time, in blocking mode: a call is written and its reply
 * read on the caller's thread, one call in flight. Records are framed as in RFC 5531 section 11;
 * a reply may arrive in several fragments and must not exceed {@code maxRecord} bytes. A reply
 * whose xid is not the call's is a protocol error and closes the connection.
 *
 * <p>Not thread-safe (see {@link ThreadConnections}). {@link #close()} may be called from any
 * thread; it interrupts a call in progress (how {@link ThreadConnections} enforces timeouts).
 */
final class BlockingRpcConnection implements AutoCloseable {
    private static final int REPLY = 1;

    private final SocketChannel channel;
    private final int maxRecord;
    private final ByteBuffer marker = ByteBuffer.allocateDirect(4);
    private volatile long callStartedNanos; // 0 when idle; read by the timeout watchdog

    private BlockingRpcConnection(SocketChannel channel, int maxRecord) {
        this.channel = channel;
        this.maxRecord = maxRecord;
    }

    /**
     * Connects to {@code server}; with {@code privilegedPort}, from a source port below 1024 (walking
     * down from {@link Connector#PRIVILEGED_HIGH} past ports in use, as bindresvport does), which
     * servers exporting with "secure" (knfsd's default) require.
     */
    static BlockingRpcConnection open(InetSocketAddress server, int maxRecord, boolean privilegedPort)
            throws IOException {
        int port = privilegedPort ? Connector.PRIVILEGED_HIGH : 0;
        while (true) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
                if (port > 0) {
                    ch.bind(new InetSocketAddress(port));
                }
                ch.connect(server);
                return new BlockingRpcConnection(ch, maxRecord);
            } catch (IOException | RuntimeException e) {
                ch.close();
                if (port > Connector.PRIVILEGED_LOW && Connector.portInUse(e)) {
                    port--; // taken, or still tied to this server in TIME_WAIT: the next one down
                    continue;
                }
                throw e;
            }
        }
    }

    /** Sends one call and returns its reply, which the caller must close. */
    RpcReply call(int xid, int program, int version, int procedure, Credentials cred, XdrWriter args)
            throws IOException {
        ByteBuf request = MessageBuffers.newMessage(ByteBufAllocator.DEFAULT);
        callStartedNanos = System.nanoTime() | 1;
        try {
            XdrEncoder out = new XdrEncoder(request);
            RpcCallHeader.of(xid, program, version, procedure, cred).encode(out);
            args.write(out);
            send(request);
            return receive(xid);
        } finally {
            request.release();
            callStartedNanos = 0;
        }
    }

    /** When the call in progress started (System.nanoTime), or 0 when idle. */
    long callStartedNanos() {
        return callStartedNanos;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    private void send(ByteBuf request) throws IOException {
        ByteBuffer[] parts = request.nioBuffers();
        ByteBuffer[] all = new ByteBuffer[parts.length + 1];
        marker.clear();
        marker.putInt(RecordMarkingDecoder.LAST_FRAGMENT | request.readableBytes()).flip();
        all[0] = marker;
        System.arraycopy(parts, 0, all, 1, parts.length);
        long left = 4L + request.readableBytes();
        while (left > 0) {
            left -= channel.write(all);
        }
    }

    private RpcReply receive(int xid) throws IOException {
        ByteBuf record = ByteBufAllocator.DEFAULT.directBuffer(512);
        try {
            boolean last = false;
            while (!last) {
                marker.clear();
                readFully(marker);
                int header = marker.getInt(0);
                last = (header & RecordMarkingDecoder.LAST_FRAGMENT) != 0;
                int length = header & ~RecordMarkingDecoder.LAST_FRAGMENT;
                if ((long) record.readableBytes() + length > maxRecord) {
                    throw new XdrException("reply record over " + maxRecord + " bytes");
                }
                record.ensureWritable(length);
                ByteBuffer into = record.nioBuffer(record.writerIndex(), length);
                readFully(into);
                record.writerIndex(record.writerIndex() + length);
            }
            XdrDecoder in = new XdrDecoder(record);
            int replyXid = in.readInt();
            int type = in.readInt();
            if (type != REPLY || replyXid != xid) {
                throw new XdrException("expected the REPLY to xid " + Integer.toUnsignedString(xid) + ", got type "
                        + type + " xid " + Integer.toUnsignedString(replyXid));
            }
            RpcReply reply = new RpcReply(RpcReplyHeader.decodeAfterType(xid, in), record, in);
            record = null;
            return reply;
        } finally {
            if (record != null) {
                record.release();
            }
        }
    }

    private void readFully(ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new EOFException("connection closed by the server");
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing more to do
        }
    }
}
