package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;

/** post_op_fh3 (RFC 1813 section 2.6): {@code bool handle_follows; nfs_fh3 handle;}; null when absent. */
final class PostOpFh {
    private PostOpFh() {}

    static FileHandle decode(XdrDecoder in) {
        return in.readBoolean() ? FileHandle.decode(in) : null;
    }

    static void encode(XdrEncoder out, FileHandle handle) {
        out.writeBoolean(handle != null);
        if (handle != null) {
            handle.encode(out);
        }
    }

    static int encodedSize(FileHandle handle) {
        return handle == null ? 4 : 4 + handle.encodedSize();
    }
}
