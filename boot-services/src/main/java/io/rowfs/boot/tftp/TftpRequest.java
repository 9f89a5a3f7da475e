package io.rowfs.boot.tftp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed RRQ or WRQ: opcode, file name, mode and the options in the order they were sent (names
 * lower-cased). Names are decoded as ISO-8859-1 so every byte survives, including stray 0xFF.
 */
record TftpRequest(int opcode, String filename, String mode, Map<String, String> options) {

    /** Longest request accepted; RFC 1350 requests fit one 512-byte packet, options add a little. */
    static final int MAX_REQUEST = 1024;

    /**
     * Parses a request; the buffer's reader index is not moved.
     *
     * @throws IllegalArgumentException naming what was malformed
     */
    static TftpRequest parse(ByteBuf buf) {
        int len = buf.readableBytes();
        if (len < 4) {
            throw new IllegalArgumentException("request of " + len + " bytes, need at least 4");
        }
        if (len > MAX_REQUEST) {
            throw new IllegalArgumentException("request of " + len + " bytes, limit " + MAX_REQUEST);
        }
        int base = buf.readerIndex();
        int opcode = buf.getUnsignedShort(base);
        if (opcode != TftpPackets.RRQ && opcode != TftpPackets.WRQ) {
            throw new IllegalArgumentException("opcode " + opcode + " is not a request");
        }
        int end = base + len;
        int pos = base + 2;
        String[] fields = new String[len];
        int n = 0;
        while (pos < end) {
            int nul = buf.indexOf(pos, end, (byte) 0);
            if (nul < 0) {
                if (n >= 2) {
                    break; // trailing junk after the last complete field is ignored
                }
                throw new IllegalArgumentException("unterminated " + (n == 0 ? "file name" : "mode"));
            }
            fields[n++] = buf.toString(pos, nul - pos, StandardCharsets.ISO_8859_1);
            pos = nul + 1;
        }
        if (n < 2) {
            throw new IllegalArgumentException("request without file name and mode");
        }
        if (fields[0].isEmpty()) {
            throw new IllegalArgumentException("empty file name");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i + 1 < n; i += 2) {
            if (!fields[i].isEmpty()) {
                options.putIfAbsent(fields[i].toLowerCase(Locale.ROOT), fields[i + 1]);
            }
        }
        return new TftpRequest(opcode, fields[0], fields[1].toLowerCase(Locale.ROOT), options);
    }
}
