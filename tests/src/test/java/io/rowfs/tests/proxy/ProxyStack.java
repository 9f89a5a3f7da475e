package io.rowfs.tests.proxy;

import io.rowfs.proxy.server.ProxyServer;
import java.util.function.UnaryOperator;

/**
 * The set-up most proxy peer tests share: a proxy in this JVM in front of a {@link ProxyRig}'s back
 * ends, on the rig's {@link ProxyRig#proxyState()}, with one TCP client mounted on it. Made by
 * {@link ProxyRig.Builder#start()}; {@link #close()} closes the client, the proxy and the back ends.
 */
final class ProxyStack implements AutoCloseable {
    final ProxyRig rig;
    final ProxyServer proxy;
    final ProxyClient client;

    private ProxyStack(ProxyRig rig, ProxyServer proxy, ProxyClient client) {
        this.rig = rig;
        this.proxy = proxy;
        this.client = client;
    }

    /**
     * Starts a proxy on {@code rig} with {@code options} and mounts a client; if that fails, closes
     * what it started and {@code rig}.
     */
    static ProxyStack start(ProxyRig rig, UnaryOperator<ProxyServer.Builder> options) throws Exception {
        ProxyServer proxy = null;
        try {
            proxy = options.apply(rig.proxy(rig.proxyState())).build().start();
            return new ProxyStack(rig, proxy, ProxyClient.on(proxy));
        } catch (Throwable t) {
            if (proxy != null) {
                proxy.close();
            }
            rig.close();
            throw t;
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            try {
                proxy.close();
            } finally {
                rig.close();
            }
        }
    }
}
