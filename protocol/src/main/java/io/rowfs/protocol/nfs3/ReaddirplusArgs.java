package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * READDIRPLUS3args (RFC 1813 section 3.3.17):
 * {@code nfs_fh3 dir; cookie3 cookie; cookieverf3 cookieverf; count3 dircount; count3 maxcount;}.
 * {@code dirCount} bounds the names, cookies and fileids; {@code maxCount} the whole reply (see
 * {@link DirListBudget}).
 */
public record ReaddirplusArgs(FileHandle dir, long cookie, Verifier cookieVerifier, int dirCount,
        int maxCount) implements Nfs3Args {
    public ReaddirplusArgs {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(cookieVerifier, "cookieVerifier");
    }

    public static ReaddirplusArgs decode(XdrDecoder in) {
        return new ReaddirplusArgs(FileHandle.decode(in), in.readLong(), Verifier.decode(in),
                in.readInt(), in.readInt());
    }

    @Override
    public void encode(XdrEncoder out) {
        dir.encode(out);
        out.writeLong(cookie);
        cookieVerifier.encode(out);
        out.writeInt(dirCount).writeInt(maxCount);
    }
}
