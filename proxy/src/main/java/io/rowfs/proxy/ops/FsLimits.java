package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.FsinfoResult;

/**
 * FSINFO values served by the proxy: the smaller of main's and the shadow's transfer sizes (a READ
 * may be served by either; a WRITE goes to the shadow), capped at {@link #MAX_TRANSFER}; the
 * shadow's properties and maximum file size.
 */
public record FsLimits(int rtmax, int rtpref, int wtmax, int wtpref, int dtpref, long maxFileSize,
                       io.rowfs.protocol.nfs3.NfsTime3 timeDelta, int properties) {
    /** Largest READ/WRITE the proxy offers (the RPC server's default record cap allows 1 MiB + headers). */
    public static final int MAX_TRANSFER = 1 << 20;

    public static FsLimits of(FsinfoResult main, FsinfoResult shadow) {
        int rtmax = cap(Math.min(unsigned(main.rtmax()), unsigned(shadow.rtmax())));
        int wtmax = cap(unsigned(shadow.wtmax()));
        int rtpref = Math.min(rtmax, cap(Math.min(unsigned(main.rtpref()), unsigned(shadow.rtpref()))));
        int wtpref = Math.min(wtmax, cap(unsigned(shadow.wtpref())));
        int dtpref = cap(Math.min(unsigned(main.dtpref()), unsigned(shadow.dtpref())));
        return new FsLimits(rtmax, rtpref, wtmax, wtpref, dtpref, shadow.maxFileSize(), shadow.timeDelta(),
                shadow.properties());
    }

    private static long unsigned(int v) {
        return v == 0 ? MAX_TRANSFER : Integer.toUnsignedLong(v);
    }

    private static int cap(long v) {
        return (int) Math.min(v, MAX_TRANSFER);
    }
}
