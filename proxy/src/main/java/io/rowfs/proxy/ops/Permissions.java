package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.Access;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.core.AccessCheck;

/**
 * Permission checks of changing procedures. The proxy acts as root on the shadow, so it must refuse
 * what the caller may not do itself (NFS3ERR_ACCES), from the virtual attributes: writing a file
 * needs write permission, except for its owner (as knfsd allows, so that a file created read-only
 * through an open descriptor can still be written); adding to or removing from a directory needs
 * write and search permission on it; changing mode, owner or times needs ownership (or root).
 */
final class Permissions {
    private Permissions() {
    }

    static void requireWrite(NfsContext ctx, Fattr3 file) {
        if (ctx.uid() == file.uid() && ctx.uid() != NfsContext.NOBODY) {
            return;
        }
        require(ctx, file, Access.MODIFY, "write");
    }

    static void requireDirChange(NfsContext ctx, Fattr3 dir) {
        require(ctx, dir, Access.MODIFY | Access.LOOKUP, "change entries of");
    }

    static void requireOwner(NfsContext ctx, Fattr3 obj) {
        if (ctx.uid() != 0 && ctx.uid() != obj.uid()) {
            throw new NfsException(Nfs3Status.PERM, "uid " + ctx.uid() + " does not own object " + obj.fileid());
        }
    }

    private static void require(NfsContext ctx, Fattr3 a, int bits, String what) {
        if (AccessCheck.granted(a, ctx.uid(), ctx.gid(), ctx.gids(), bits) != bits) {
            throw new NfsException(Nfs3Status.ACCES, "uid " + ctx.uid() + " may not " + what + " object " + a.fileid());
        }
    }
}
