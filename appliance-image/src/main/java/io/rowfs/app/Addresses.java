package io.rowfs.app;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses the command line's ADDR:PORT (IPv6 in brackets) with an error that names the input. */
final class Addresses {
    private Addresses() {
    }

    static InetSocketAddress parse(String s) throws UnknownHostException {
        int i = s.lastIndexOf(':');
        if (i <= 0) {
            throw new IllegalArgumentException("want ADDR:PORT, got '" + s + "'");
        }
        String host = s.substring(0, i);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(i + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + s + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + s + "'");
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }
}
