package io.rowfs.boot.http;

/**
 * A single byte range from an HTTP {@code Range} header (RFC 9110 14.2), resolved against the
 * file size: {@code first..last} inclusive.
 */
record ByteRange(long first, long last) {
    /** Thrown when the range cannot be satisfied (416). */
    static final class Unsatisfiable extends Exception {
        Unsatisfiable(String message) {
            super(message);
        }
    }

    long length() {
        return last - first + 1;
    }

    /**
     * Parses {@code header} for a file of {@code size} bytes. Null (send the whole file) when there
     * is no header, it is not a bytes range, it lists several ranges, or it is malformed: RFC 9110
     * lets a server ignore Range.
     */
    static ByteRange parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) {
                    throw new Unsatisfiable("suffix range of " + n + " bytes on a " + size + "-byte file");
                }
                return new ByteRange(Math.max(0, size - n), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first >= size) {
                throw new Unsatisfiable("range starts at " + first + " on a " + size + "-byte file");
            }
            if (first < 0 || last < first) {
                return null;
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
