package io.rowfs.protocol.portmap;

import io.rowfs.protocol.transport.RpcServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an embedded portmapper: on the well-known port 111 when that can be bound (root, and no
 * rpcbind already there), otherwise on a fallback port (0 for an ephemeral one). The caller owns
 * and closes the returned server.
 */
public final class EmbeddedPortmapper {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPortmapper.class);

    /** {@link #advertise}: the well-known port 111 when it can be bound, else an ephemeral one. */
    public static final int DEFAULT_PORT = -1;
    /** {@link #advertise}: no portmapper. */
    public static final int NONE = -2;

    private EmbeddedPortmapper() {
    }

    /**
     * A portmapper advertising every program of {@code server} on {@code address}: on {@code port},
     * or as {@link #start} does for {@link #DEFAULT_PORT}; null (nothing started) for {@link #NONE}.
     * The caller owns and closes the returned server.
     */
    public static RpcServer advertise(RpcServer server, InetAddress address, int port) throws IOException {
        if (port == NONE) {
            return null;
        }
        PortmapRegistry registry = new PortmapRegistry();
        registry.registerServer(server);
        return port == DEFAULT_PORT ? start(registry, address, 0) : serverOn(registry, address, port).start();
    }

    public static RpcServer start(PortmapRegistry registry, InetAddress address, int fallbackPort)
            throws IOException {
        try {
            return serverOn(registry, address, Portmap.PORT).start();
        } catch (IOException e) {
            LOG.info("portmapper cannot use port {} ({}); using port {}", Portmap.PORT, e.getMessage(),
                    fallbackPort == 0 ? "ephemeral" : fallbackPort);
        }
        return serverOn(registry, address, fallbackPort).start();
    }

    private static RpcServer serverOn(PortmapRegistry registry, InetAddress address, int port) {
        return RpcServer.builder().bind(new InetSocketAddress(address, port))
                .program(new PortmapProgram(registry)).build();
    }
}
