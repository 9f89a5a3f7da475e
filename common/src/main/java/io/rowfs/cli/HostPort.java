package io.rowfs.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses the command line's {@code ADDR:PORT} (IPv6 in brackets), with errors that name the option. */
public final class HostPort {
    private HostPort() {
    }

    /**
     * @param option the option being parsed, for the message (e.g. "--listen")
     * @throws IllegalArgumentException when the value is not ADDR:PORT with a port in 0..65535
     * @throws UnknownHostException when ADDR does not resolve
     */
    public static InetSocketAddress parse(String option, String value) throws UnknownHostException {
        int i = value.lastIndexOf(':');
        if (i <= 0) {
            throw new IllegalArgumentException(option + " wants ADDR:PORT, got '" + value + "'");
        }
        String host = value.substring(0, i);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(i + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": bad port in '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + ": port out of range in '" + value + "'");
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }
}
