package io.rowfs.proxy.core;

import static io.rowfs.protocol.nfs3.Access.ALL;
import static io.rowfs.protocol.nfs3.Access.DELETE;
import static io.rowfs.protocol.nfs3.Access.EXECUTE;
import static io.rowfs.protocol.nfs3.Access.EXTEND;
import static io.rowfs.protocol.nfs3.Access.LOOKUP;
import static io.rowfs.protocol.nfs3.Access.MODIFY;
import static io.rowfs.protocol.nfs3.Access.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.SpecData3;
import org.junit.jupiter.api.Test;

class AccessCheckTest {
    private static Fattr3 attrs(FileType type, int mode, int uid, int gid) {
        return new Fattr3(type, mode, 1, uid, gid, 0, 0, new SpecData3(0, 0), 1, 2, NfsTime3.ZERO, NfsTime3.ZERO,
                NfsTime3.ZERO);
    }

    private static final int[] NONE = new int[0];

    @Test
    void ownerGroupOtherClasses() {
        Fattr3 f = attrs(FileType.REG, 0640, 1000, 100);
        assertEquals(READ | MODIFY | EXTEND, AccessCheck.granted(f, 1000, 5, NONE, ALL), "owner rw-");
        assertEquals(READ, AccessCheck.granted(f, 1001, 100, NONE, ALL), "group r--");
        assertEquals(READ, AccessCheck.granted(f, 1001, 5, new int[] {7, 100}, ALL), "supplementary group");
        assertEquals(0, AccessCheck.granted(f, 1001, 5, NONE, ALL), "other ---");
        // the owner class applies even when it grants less than the group class
        assertEquals(0, AccessCheck.granted(attrs(FileType.REG, 0070, 1000, 100), 1000, 100, NONE, ALL));
    }

    @Test
    void directoriesMapWriteToDeleteAndExecuteToLookup() {
        Fattr3 d = attrs(FileType.DIR, 0755, 0, 0);
        assertEquals(READ | LOOKUP, AccessCheck.granted(d, 1000, 1000, NONE, ALL));
        assertEquals(READ | LOOKUP | MODIFY | EXTEND | DELETE, AccessCheck.granted(d, 0, 0, NONE, ALL));
    }

    @Test
    void rootGetsAllButExecuteOfNonExecutables() {
        assertEquals(READ | MODIFY | EXTEND, AccessCheck.granted(attrs(FileType.REG, 0000, 5, 5), 0, 0, NONE, ALL));
        assertEquals(READ | MODIFY | EXTEND | EXECUTE, AccessCheck.granted(attrs(FileType.REG, 0001, 5, 5), 0, 0, NONE, ALL));
    }

    @Test
    void onlyRequestedBitsAreAnswered() {
        Fattr3 f = attrs(FileType.REG, 0777, 1, 1);
        assertEquals(READ, AccessCheck.granted(f, 2, 2, NONE, READ));
        assertEquals(0, AccessCheck.granted(f, 2, 2, NONE, 0));
    }
}
