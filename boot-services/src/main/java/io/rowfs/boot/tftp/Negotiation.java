package io.rowfs.boot.tftp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of RFC 2347 option negotiation for one read request: the values in force and the
 * OACK to send, which holds only options the client asked for and the server accepted (pxelinux
 * aborts on an acknowledged option it did not ask for). An empty OACK means none is sent.
 */
record Negotiation(int blksize, int windowsize, int timeoutSeconds, Map<String, String> oack) {

    static Negotiation of(Map<String, String> requested, long fileSize, TftpConfig config) {
        int blksize = TftpConfig.DEFAULT_BLKSIZE;
        int window = 1;
        int timeout = 0;
        Map<String, String> oack = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : requested.entrySet()) {
            long v = parse(e.getValue());
            switch (e.getKey()) {
                case "blksize" -> {
                    if (v >= TftpConfig.MIN_BLKSIZE) {
                        blksize = (int) Math.min(v, config.maxBlksize());
                        oack.put("blksize", Integer.toString(blksize));
                    }
                }
                case "windowsize" -> {
                    if (v >= 1 && v <= 65535) {
                        window = (int) Math.min(v, config.maxWindow());
                        oack.put("windowsize", Integer.toString(window));
                    }
                }
                case "timeout" -> {
                    if (v >= 1 && v <= 255) {
                        timeout = (int) v;
                        oack.put("timeout", Long.toString(v));
                    }
                }
                case "tsize" -> {
                    if (v >= 0) {
                        oack.put("tsize", Long.toString(fileSize));
                    }
                }
                default -> {
                    // unknown options are not acknowledged (RFC 2347)
                }
            }
        }
        return new Negotiation(blksize, window, timeout, oack);
    }

    /** A decimal option value, or -1 if it is not one (or absurdly long). */
    private static long parse(String s) {
        if (s.isEmpty() || s.length() > 12) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
