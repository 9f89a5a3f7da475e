package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.List;
import java.util.Objects;

/**
 * READDIR3res (RFC 1813 section 3.3.16): OK:
 * <pre>
 *   post_op_attr dir_attributes; cookieverf3 cookieverf;
 *   dirlist3 reply = { entry3 *entries; bool eof; }
 * </pre>
 * where the entry list is linked: each entry is preceded by TRUE and the list ends with FALSE.
 * fail: {@code post_op_attr dir_attributes;}. Build an OK reply that fits the client's
 * {@code count} with {@link DirListBudget#forReaddir}.
 */
public record ReaddirResult(Nfs3Status status, PostOpAttr dirAttributes, Verifier cookieVerifier,
        List<DirEntry> entries, boolean eof) implements Nfs3Result {
    public ReaddirResult {
        Results.check(status, cookieVerifier, entries);
        Objects.requireNonNull(dirAttributes, "dirAttributes");
        entries = entries == null ? null : List.copyOf(entries);
    }

    public static ReaddirResult ok(PostOpAttr dirAttributes, Verifier cookieVerifier,
            List<DirEntry> entries, boolean eof) {
        return new ReaddirResult(Nfs3Status.OK, dirAttributes, cookieVerifier, entries, eof);
    }

    public static ReaddirResult fail(Nfs3Status status, PostOpAttr dirAttributes) {
        return new ReaddirResult(Results.failure(status), dirAttributes, null, null, false);
    }

    public static ReaddirResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        PostOpAttr dirAttributes = PostOpAttr.decode(in);
        if (!s.isOk()) {
            return fail(s, dirAttributes);
        }
        Verifier verifier = Verifier.decode(in);
        List<DirEntry> entries = EntryList.decode(in, DirEntry::decode);
        return ok(dirAttributes, verifier, entries, in.readBoolean());
    }

    @Override
    public int encodedSizeHint() {
        return EntryList.resultSize(dirAttributes, entries, DirEntry::encodedSize);
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        dirAttributes.encode(out);
        if (status.isOk()) {
            cookieVerifier.encode(out);
            EntryList.encode(out, entries, DirEntry::encode);
            out.writeBoolean(eof);
        }
    }
}
