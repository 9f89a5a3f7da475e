package io.rowfs.shadow.fs;

/**
 * The caller's identity (from AUTH_SYS, or nobody for AUTH_NONE), used to own new objects and to
 * answer ACCESS.
 */
public record Cred(int uid, int gid, int[] gids) {
    public static final Cred ROOT = new Cred(0, 0, new int[0]);
    public static final Cred NOBODY = new Cred(65534, 65534, new int[0]);

    public boolean inGroup(int g) {
        if (g == gid) {
            return true;
        }
        for (int x : gids) {
            if (x == g) {
                return true;
            }
        }
        return false;
    }
}
