package io.rowfs.proxy.core;

import io.rowfs.protocol.nfs3.Access;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileType;

/**
 * ACCESS computed by the proxy from the virtual attributes (main is read-only, so asking it would
 * deny every write the merged file system allows). POSIX rules: the owner class, else the group
 * class (primary or supplementary gid), else others; uid 0 gets everything except EXECUTE on a
 * non-directory with no execute bit at all.
 */
public final class AccessCheck {
    private AccessCheck() {
    }

    public static int granted(Fattr3 a, int uid, int gid, int[] gids, int requested) {
        boolean dir = a.type() == FileType.DIR;
        int bits;
        if (uid == 0) {
            bits = 7;
            if (!dir && (a.mode() & 0111) == 0) {
                bits = 6;
            }
        } else if (uid == a.uid()) {
            bits = (a.mode() >> 6) & 7;
        } else if (inGroup(a.gid(), gid, gids)) {
            bits = (a.mode() >> 3) & 7;
        } else {
            bits = a.mode() & 7;
        }
        int granted = 0;
        if ((bits & 4) != 0) {
            granted |= Access.READ;
        }
        if ((bits & 2) != 0) {
            granted |= Access.MODIFY | Access.EXTEND;
            if (dir) {
                granted |= Access.DELETE;
            }
        }
        if ((bits & 1) != 0) {
            granted |= dir ? Access.LOOKUP : Access.EXECUTE;
        }
        return granted & requested;
    }

    private static boolean inGroup(int fileGid, int gid, int[] gids) {
        if (fileGid == gid) {
            return true;
        }
        for (int g : gids) {
            if (g == fileGid) {
                return true;
            }
        }
        return false;
    }
}
