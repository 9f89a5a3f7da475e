package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.List;
import java.util.Objects;

/**
 * READDIRPLUS3res (RFC 1813 section 3.3.17): OK:
 * <pre>
 *   post_op_attr dir_attributes; cookieverf3 cookieverf;
 *   dirlistplus3 reply = { entryplus3 *entries; bool eof; }
 * </pre>
 * fail: {@code post_op_attr dir_attributes;}. Build an OK reply that fits the client's
 * {@code dircount} and {@code maxcount} with {@link DirListBudget#forReaddirplus}.
 */
public record ReaddirplusResult(Nfs3Status status, PostOpAttr dirAttributes,
        Verifier cookieVerifier, List<DirEntryPlus> entries, boolean eof) implements Nfs3Result {
    public ReaddirplusResult {
        Results.check(status, cookieVerifier, entries);
        Objects.requireNonNull(dirAttributes, "dirAttributes");
        entries = entries == null ? null : List.copyOf(entries);
    }

    public static ReaddirplusResult ok(PostOpAttr dirAttributes, Verifier cookieVerifier,
            List<DirEntryPlus> entries, boolean eof) {
        return new ReaddirplusResult(Nfs3Status.OK, dirAttributes, cookieVerifier, entries, eof);
    }

    public static ReaddirplusResult fail(Nfs3Status status, PostOpAttr dirAttributes) {
        return new ReaddirplusResult(Results.failure(status), dirAttributes, null, null, false);
    }

    public static ReaddirplusResult decode(XdrDecoder in) {
        Nfs3Status s = Nfs3Status.decode(in);
        PostOpAttr dirAttributes = PostOpAttr.decode(in);
        if (!s.isOk()) {
            return fail(s, dirAttributes);
        }
        Verifier verifier = Verifier.decode(in);
        List<DirEntryPlus> entries = EntryList.decode(in, DirEntryPlus::decode);
        return ok(dirAttributes, verifier, entries, in.readBoolean());
    }

    @Override
    public int encodedSizeHint() {
        return EntryList.resultSize(dirAttributes, entries, DirEntryPlus::encodedSize);
    }

    @Override
    public void encode(XdrEncoder out) {
        status.encode(out);
        dirAttributes.encode(out);
        if (status.isOk()) {
            cookieVerifier.encode(out);
            EntryList.encode(out, entries, DirEntryPlus::encode);
            out.writeBoolean(eof);
        }
    }
}
