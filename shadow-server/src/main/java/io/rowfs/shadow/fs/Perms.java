package io.rowfs.shadow.fs;

import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Permission bits as the JDK's creation attribute, so that open(2)/mkdir(2) create an object with
 * its permissions at once (the umask still applies; set-user-ID, set-group-ID and sticky bits cannot
 * be given this way). One immutable attribute per value of {@code mode & 0777}, built once.
 */
final class Perms {
    private static final PosixFilePermission[] BITS = { // bit 8 (0400) first, as PosixFilePermission orders them
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
    private static final FileAttribute<?>[] ATTRS = new FileAttribute<?>[512];

    static {
        for (int m = 0; m < 512; m++) {
            Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
            for (int i = 0; i < 9; i++) {
                if ((m & (0400 >> i)) != 0) {
                    set.add(BITS[i]);
                }
            }
            ATTRS[m] = PosixFilePermissions.asFileAttribute(set);
        }
    }

    private Perms() {
    }

    /** The creation attribute for the permission bits {@code mode & 0777}. */
    static FileAttribute<?> of(int mode) {
        return ATTRS[mode & 0777];
    }
}
