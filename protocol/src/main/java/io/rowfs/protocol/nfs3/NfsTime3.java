package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.time.Instant;

/**
 * nfstime3 (RFC 1813 section 2.5): {@code uint32 seconds; uint32 nseconds;} since the epoch.
 * Both fields hold raw uint32 bits.
 */
public record NfsTime3(int seconds, int nseconds) {
    public static final NfsTime3 ZERO = new NfsTime3(0, 0);

    /** The instant truncated to the uint32 seconds range of NFSv3. */
    public static NfsTime3 of(Instant t) {
        return new NfsTime3((int) t.getEpochSecond(), t.getNano());
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(Integer.toUnsignedLong(seconds), Integer.toUnsignedLong(nseconds));
    }

    public static NfsTime3 decode(XdrDecoder in) {
        return new NfsTime3(in.readInt(), in.readInt());
    }

    public void encode(XdrEncoder out) {
        out.writeInt(seconds).writeInt(nseconds);
    }
}
