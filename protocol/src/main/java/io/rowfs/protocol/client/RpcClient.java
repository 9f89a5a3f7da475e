package io.rowfs.protocol.client;

import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.XdrReader;
import io.rowfs.protocol.rpc.XdrWriter;
import io.rowfs.protocol.transport.EventLoops;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous ONC RPC client over one TCP connection to {@code host:port}. Thread-safe: any
 * number of calls may be in flight at once (pipelined, matched by xid). A lost connection fails
 * the calls in flight with {@link ConnectionLostException}; the next call reconnects. Each call
 * fails with {@link RpcTimeoutException} if no reply arrives within the timeout.
 */
public final class RpcClient implements AutoCloseable {
    /** Default per-call timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Builder config;

    private RpcClient(Builder config) {
        this.config = config;
    }

    public static Builder builder(InetSocketAddress server) {
        return new Builder(server);
    }

    public InetSocketAddress server() {
        return config.server;
    }

    /**
     * Sends a call; the future completes with the reply whatever its state (the caller must close
     * it), or exceptionally with an {@link RpcClientException}.
     */
    public CompletableFuture<RpcReply> call(int program, int version, int procedure,
                                            Credentials cred, XdrWriter args) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Sends a call and decodes its results on the event loop; the buffer is released here. A state
     * other than SUCCESS completes the future with {@link RpcStatusException}; results that fail to
     * decode with {@link io.rowfs.protocol.xdr.XdrException}.
     */
    public <T> CompletableFuture<T> call(int program, int version, int procedure, Credentials cred,
                                         XdrWriter args, XdrReader<T> results) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Fails the calls in flight, closes the connection and, if owned, the event loops. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Configuration of an {@link RpcClient}. Not thread-safe; used by one thread before build. */
    public static final class Builder {
        private final InetSocketAddress server;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean privilegedPort;
        private int maxRecordSize = io.rowfs.protocol.transport.RpcServer.DEFAULT_MAX_RECORD;
        private EventLoops eventLoops;

        private Builder(InetSocketAddress server) {
            this.server = server;
        }

        public Builder timeout(Duration perCall) {
            this.timeout = perCall;
            return this;
        }

        public Builder connectTimeout(Duration connect) {
            this.connectTimeout = connect;
            return this;
        }

        /**
         * Bind a source port below 1024 (tried from 1023 down to 600), as servers with the
         * "secure" export option require. Needs root or CAP_NET_BIND_SERVICE.
         */
        public Builder privilegedSourcePort(boolean enabled) {
            this.privilegedPort = enabled;
            return this;
        }

        /** Largest reply record accepted; a bigger one closes the connection. */
        public Builder maxRecordSize(int bytes) {
            this.maxRecordSize = bytes;
            return this;
        }

        /** Event loops to share (not closed by the client); default: the client owns one loop. */
        public Builder eventLoops(EventLoops loops) {
            this.eventLoops = loops;
            return this;
        }

        public RpcClient build() {
            return new RpcClient(this);
        }
    }
}
