package io.rowfs.boot;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the DHCP server learnt about each client it gave an address to, looked up by address by
 * the HTTP server to render per-client iPXE scripts. Thread-safe.
 */
public final class BootClients {
    /** A client as DHCP saw it: canonical MAC, dotted address, architecture name. */
    public record Client(String mac, String ip, String arch) {
    }

    private final ConcurrentHashMap<String, Client> byIp = new ConcurrentHashMap<>();

    public void record(Client client) {
        byIp.put(client.ip(), client);
    }

    public Optional<Client> byIp(String ip) {
        return Optional.ofNullable(byIp.get(ip));
    }
}
