package io.rowfs.boot.dhcp;

import java.io.ByteArrayOutputStream;

/** Raw DHCP packets that dhcp4java will not build: options of the wrong length, cut options. */
public final class DhcpBytes {
    private DhcpBytes() {
    }

    /** {@code packet} with option 53 (message type) carrying {@code value} instead, whatever its length. */
    public static byte[] withMessageType(byte[] packet, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(packet, 0, 240); // BOOTP header and magic cookie
        int i = 240;
        while (i < packet.length && packet[i] != (byte) 255) {
            int code = packet[i] & 0xFF;
            if (code == 0) {
                i++;
                continue;
            }
            int len = packet[i + 1] & 0xFF;
            if (code == 53) {
                out.write(53);
                out.write(value.length);
                out.write(value, 0, value.length);
            } else {
                out.write(packet, i, 2 + len);
            }
            i += 2 + len;
        }
        out.write(255);
        while (out.size() < 300) {
            out.write(0);
        }
        return out.toByteArray();
    }

    /** {@code packet}'s first 240 bytes (header, cookie) and then one option whose length overruns the end. */
    public static byte[] withTruncatedOption(byte[] packet, int code, int claimedLength, int present) {
        byte[] b = java.util.Arrays.copyOf(packet, 240 + 2 + present);
        b[240] = (byte) code;
        b[241] = (byte) claimedLength;
        return b;
    }
}
