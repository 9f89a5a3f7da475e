package io.rowfs.boot.dhcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 addresses as unsigned 32-bit values held in a {@code long}, and back. */
final class Ip4 {
    private Ip4() {
    }

    static long toLong(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 4) {
            throw new IllegalArgumentException(a + " is not an IPv4 address");
        }
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    static long parse(String s) {
        String[] p = s.trim().split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("'" + s + "' is not a dotted IPv4 address");
        }
        long v = 0;
        for (String part : p) {
            int n;
            try {
                n = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not a dotted IPv4 address");
            }
            if (n < 0 || n > 255) {
                throw new IllegalArgumentException("'" + s + "' is not a dotted IPv4 address");
            }
            v = (v << 8) | n;
        }
        return v;
    }

    static Inet4Address toAddress(long v) {
        byte[] b = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static String toString(long v) {
        return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }
}
