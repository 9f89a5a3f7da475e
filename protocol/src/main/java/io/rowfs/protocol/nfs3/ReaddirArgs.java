package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.Objects;

/**
 * READDIR3args (RFC 1813 section 3.3.16):
 * {@code nfs_fh3 dir; cookie3 cookie; cookieverf3 cookieverf; count3 count;}. {@code count} bounds
 * the READDIR3resok reply (see {@link DirListBudget}).
 */
public record ReaddirArgs(FileHandle dir, long cookie, Verifier cookieVerifier, int count)
        implements Nfs3Args {
    public ReaddirArgs {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(cookieVerifier, "cookieVerifier");
    }

    public static ReaddirArgs decode(XdrDecoder in) {
        return new ReaddirArgs(FileHandle.decode(in), in.readLong(), Verifier.decode(in), in.readInt());
    }

    @Override
    public void encode(XdrEncoder out) {
        dir.encode(out);
        out.writeLong(cookie);
        cookieVerifier.encode(out);
        out.writeInt(count);
    }
}
