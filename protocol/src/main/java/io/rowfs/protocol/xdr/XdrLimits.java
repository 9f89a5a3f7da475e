package io.rowfs.protocol.xdr;

/**
 * Upper bounds applied while decoding variable-length XDR items. The defaults cover NFSv3:
 * opaque data up to {@link #DEFAULT_MAX_OPAQUE} (a 1 MiB READ/WRITE payload plus slack) and strings
 * (names, paths) up to {@link #DEFAULT_MAX_STRING} bytes.
 *
 * @param maxOpaque largest variable-length opaque accepted, in bytes
 * @param maxString largest string accepted, in bytes
 * @param maxArrayElements largest counted array accepted (auth_sys gids, export lists...)
 */
public record XdrLimits(int maxOpaque, int maxString, int maxArrayElements) {
    /** 1 MiB of data plus room for one extra page: the largest READ/WRITE rowfs negotiates. */
    public static final int DEFAULT_MAX_OPAQUE = (1 << 20) + 4096;
    /** RFC 1813 names are unbounded in XDR; PATH_MAX (4096) is what every host honours. */
    public static final int DEFAULT_MAX_STRING = 4096;
    public static final int DEFAULT_MAX_ARRAY = 65536;

    public static final XdrLimits DEFAULT =
            new XdrLimits(DEFAULT_MAX_OPAQUE, DEFAULT_MAX_STRING, DEFAULT_MAX_ARRAY);

    public XdrLimits {
        if (maxOpaque < 0 || maxString < 0 || maxArrayElements < 0) {
            throw new IllegalArgumentException("XDR limits must not be negative");
        }
    }
}
