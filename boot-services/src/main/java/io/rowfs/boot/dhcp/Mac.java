package io.rowfs.boot.dhcp;

import java.util.Locale;

/** Ethernet MAC addresses in their one canonical text form, lower-case {@code aa:bb:cc:dd:ee:ff}. */
public final class Mac {
    private Mac() {
    }

    public static String of(byte[] b, int len) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return s.toString();
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} or {@code aa-bb-...}, any case. */
    public static String parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace('-', ':');
        if (!s.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address like 52:54:00:12:34:56");
        }
        return s;
    }
}
