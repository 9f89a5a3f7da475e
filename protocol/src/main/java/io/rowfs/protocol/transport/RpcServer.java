package io.rowfs.protocol.transport;

import io.rowfs.protocol.rpc.RpcProgram;
import io.rowfs.protocol.xdr.XdrLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An ONC RPC server on one address: TCP and/or UDP on the same port number, serving the registered
 * {@link RpcProgram}s. Built with {@link #builder()}, then {@link #start()}ed; {@link #close()}
 * returns once the sockets are closed.
 */
public final class RpcServer implements AutoCloseable {
    /** 1 MiB of WRITE data plus 64 KiB for headers: the default cap on one TCP record. */
    public static final int DEFAULT_MAX_RECORD = (1 << 20) + (64 << 10);
    /** Calls one TCP connection may have outstanding before the server stops reading it. */
    public static final int DEFAULT_MAX_OUTSTANDING = 128;

    private final Builder config;

    private RpcServer(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the sockets (TCP first, then UDP on the same port number). */
    public RpcServer start() throws IOException {
        throw new UnsupportedOperationException("TODO");
    }

    /** The bound port number (the same for TCP and UDP). */
    public int port() {
        throw new UnsupportedOperationException("TODO");
    }

    public InetAddress address() {
        return config.address;
    }

    public boolean tcpEnabled() {
        return config.tcp;
    }

    public boolean udpEnabled() {
        return config.udp;
    }

    public List<RpcProgram> programs() {
        return List.copyOf(config.programs);
    }

    /** Closes the sockets and every connection; returns when they are closed. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Configuration of an {@link RpcServer}. Not thread-safe; used by one thread before build. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private boolean tcp = true;
        private boolean udp = true;
        private final List<RpcProgram> programs = new ArrayList<>();
        private int maxRecordSize = DEFAULT_MAX_RECORD;
        private int maxOutstanding = DEFAULT_MAX_OUTSTANDING;
        private XdrLimits limits = XdrLimits.DEFAULT;
        private EventLoops eventLoops;

        private Builder() {
        }

        /** Address and port to bind; port 0 picks an ephemeral port. Default 127.0.0.1:0. */
        public Builder bind(InetSocketAddress where) {
            this.address = where.getAddress();
            this.port = where.getPort();
            return this;
        }

        public Builder tcp(boolean enabled) {
            this.tcp = enabled;
            return this;
        }

        public Builder udp(boolean enabled) {
            this.udp = enabled;
            return this;
        }

        public Builder program(RpcProgram program) {
            programs.add(program);
            return this;
        }

        /** Largest TCP record accepted; a bigger one closes its connection. */
        public Builder maxRecordSize(int bytes) {
            if (bytes <= 0) throw new IllegalArgumentException("max record size must be positive");
            this.maxRecordSize = bytes;
            return this;
        }

        /** Outstanding calls per TCP connection before reading pauses (back-pressure). */
        public Builder maxOutstandingPerConnection(int calls) {
            if (calls <= 0) throw new IllegalArgumentException("max outstanding must be positive");
            this.maxOutstanding = calls;
            return this;
        }

        public Builder xdrLimits(XdrLimits limits) {
            this.limits = limits;
            return this;
        }

        /** Event loops to share (not closed by the server); default: the server owns its own. */
        public Builder eventLoops(EventLoops loops) {
            this.eventLoops = loops;
            return this;
        }

        public RpcServer build() {
            if (!tcp && !udp) throw new IllegalStateException("neither TCP nor UDP enabled");
            return new RpcServer(this);
        }
    }
}
