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

    private EmbeddedPortmapper() {
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
