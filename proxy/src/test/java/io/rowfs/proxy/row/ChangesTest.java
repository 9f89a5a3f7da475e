package io.rowfs.proxy.row;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SpecData3;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.NameEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Name changes of the room over main's tree: whiteouts, renames by record, links, and the statuses they answer. */
class ChangesTest {
    @TempDir
    Path state;
    private RoomFixture fx;
    private Map<String, String> mainBefore;
    private Changes changes;

    @BeforeEach
    void setUp() {
        fx = new RoomFixture(state, 0).open(CrashPoint.NONE);
        fx.mainTree.file("d/x", "main's x".getBytes());
        fx.mainTree.file("a/b/c.txt", "deep".getBytes());
        fx.mainTree.file("a/e", "e".getBytes());
        fx.mainTree.file("f", "main's f".getBytes());
        fx.mainTree.symlink("l", "d/x");
        fx.mainTree.device("null", FileType.CHR, 1, 3);
        mainBefore = fx.mainTree.snapshot();
        changes = fx.room.changes();
    }

    @AfterEach
    void tearDown() {
        assertEquals(mainBefore, fx.mainTree.snapshot(), "main is untouched");
        fx.close();
    }

    @Test
    void aRemovedMainNameIsWhitedOutAndComesBackAsANewObject() {
        Resolved old = fx.at("d/x");
        changes.remove(fx.at("d"), Filename.of("x"), Checks.NONE);
        assertNull(fx.find("d/x"), "gone from LOOKUP");
        assertEquals(List.of(), fx.names("d"), "gone from the listing");
        Optional<NameEntry> entry = fx.room.names().bound(fx.at("d").id(), Filename.of("x"));
        assertTrue(entry.isPresent() && entry.get().isWhiteout(), "main's name is hidden by a whiteout");
        assertThrows(NfsException.class, () -> fx.room.handles().reload(old.id()), "its handle turned stale");

        Resolved again = fx.createFile("d", "x");
        assertNotEquals(old.id(), again.id(), "a new object, a new fileid");
        assertEquals(0, fx.room.data().size(fx.at("d/x")), "not main's data");
        assertArrayEquals(new byte[0], fx.readAll("d/x"));
        assertEquals(List.of("x"), fx.names("d"), "listed once");
        assertTrue(fx.shadowTree.exists("d/x"));
    }

    @Test
    void aShadowOnlyNameLeavesNoWhiteout() {
        fx.createFile("d", "new");
        changes.remove(fx.at("d"), Filename.of("new"), Checks.NONE);
        assertTrue(fx.room.names().bound(fx.at("d").id(), Filename.of("new")).isEmpty());
        assertFalse(fx.shadowTree.exists("d/new"));
    }

    @Test
    void renamingAMainDirectoryMovesItsWholeTreeByRecordsAlone() {
        Resolved a = fx.at("a");
        Resolved c = fx.at("a/b/c.txt");
        changes.rename(fx.root(), Filename.of("a"), fx.root(), Filename.of("z"), Checks.NONE);

        assertNull(fx.find("a"), "the old name is gone");
        assertNull(fx.find("a/b/c.txt"));
        assertEquals(a.id(), fx.at("z").id(), "the same object under the new name");
        assertEquals(c.id(), fx.at("z/b/c.txt").id(), "children keep their ids");
        assertArrayEquals("deep".getBytes(), fx.readAll("z/b/c.txt"), "and their data, still main's");
        assertArrayEquals("e".getBytes(), fx.readAll("z/e"));
        assertTrue(fx.names("").contains("z"));
        assertFalse(fx.names("").contains("a"));
        assertFalse(fx.shadowTree.exists("z"), "no tree was copied into the shadow");
    }

    @Test
    void renamingAShadowFileMovesItInTheShadowToo() {
        fx.write("f", 0, "F".getBytes());
        long id = fx.at("f").id();
        changes.rename(fx.root(), Filename.of("f"), fx.at("d"), Filename.of("g"), Checks.NONE);
        assertEquals(id, fx.at("d/g").id());
        assertNull(fx.find("f"));
        assertTrue(fx.shadowTree.exists("d/g"));
        assertFalse(fx.shadowTree.exists("f"));
        assertArrayEquals("Fain's f".getBytes(), fx.readAll("d/g"));
    }

    @Test
    void renameRefusesWhatAServerRefuses() {
        assertStatus(Nfs3Status.NOENT, () -> changes.rename(fx.root(), Filename.of("nope"), fx.root(), Filename.of("y"), Checks.NONE));
        assertStatus(Nfs3Status.INVAL, () -> changes.rename(fx.root(), Filename.of("a"), fx.at("a/b"), Filename.of("a"), Checks.NONE));
        assertStatus(Nfs3Status.NOTDIR, () -> changes.rename(fx.root(), Filename.of("a"), fx.root(), Filename.of("f"), Checks.NONE));
        assertStatus(Nfs3Status.ISDIR, () -> changes.rename(fx.root(), Filename.of("f"), fx.root(), Filename.of("d"), Checks.NONE));
        assertStatus(Nfs3Status.NOTEMPTY, () -> changes.rename(fx.root(), Filename.of("d"), fx.root(), Filename.of("a"), Checks.NONE));
        assertNotNull(fx.find("a/b/c.txt"));
    }

    @Test
    void aLinkOfAMainFileIsOneObjectUnderTwoNames() {
        Resolved f = fx.at("f");
        changes.link(f, fx.at("d"), Filename.of("g"), Checks.NONE);
        assertEquals(f.id(), fx.at("d/g").id(), "both names, one object");
        assertEquals(2, fx.room.attributes().of(fx.at("f")).nlink());
        fx.write("d/g", 0, "G".getBytes());
        assertArrayEquals("Gain's f".getBytes(), fx.readAll("f"), "a write through one name shows through the other");
        assertEquals(fx.shadowTree.attributes("f").fileid(), fx.shadowTree.attributes("d/g").fileid(),
                "one object in the shadow too");

        changes.remove(fx.root(), Filename.of("f"), Checks.NONE);
        assertArrayEquals("Gain's f".getBytes(), fx.readAll("d/g"), "the other link keeps the object");
        assertEquals(1, fx.room.attributes().of(fx.at("d/g")).nlink());
        assertStatus(Nfs3Status.EXIST, () -> changes.link(fx.at("d/g"), fx.at("a"), Filename.of("e"), Checks.NONE));
    }

    @Test
    void createsAnswerExistAndRmdirAnswersNotEmpty() {
        assertStatus(Nfs3Status.EXIST, () -> fx.createFile("d", "x"));
        assertStatus(Nfs3Status.EXIST, () -> changes.mkdir(fx.root(), Filename.of("a"), Sattr3.EMPTY, Checks.NONE));
        assertStatus(Nfs3Status.NOTEMPTY, () -> changes.rmdir(fx.root(), Filename.of("a"), Checks.NONE));
        assertStatus(Nfs3Status.NOTDIR, () -> changes.rmdir(fx.root(), Filename.of("f"), Checks.NONE));
        assertStatus(Nfs3Status.ISDIR, () -> changes.remove(fx.root(), Filename.of("a"), Checks.NONE));
        assertStatus(Nfs3Status.NOENT, () -> changes.remove(fx.root(), Filename.of("nope"), Checks.NONE));
        assertStatus(Nfs3Status.NOTDIR, () -> fx.createFile("f", "x"));
    }

    @Test
    void copyUpKeepsLinksAndDevicesWhatTheyAre() {
        changes.rename(fx.root(), Filename.of("l"), fx.root(), Filename.of("l2"), Checks.NONE);
        changes.link(fx.at("null"), fx.at("d"), Filename.of("null2"), Checks.NONE);
        assertEquals("d/x", fx.room.attributes().linkTarget(fx.at("l2")).toString());
        assertEquals(new SpecData3(1, 3), fx.shadowTree.attributes("d/null2").rdev());
        assertEquals(FileType.CHR, fx.room.attributes().of(fx.at("null")).type());
    }

    @Test
    void removingAMainDirectoryTreeEmptiedFirst() {
        changes.remove(fx.at("a/b"), Filename.of("c.txt"), Checks.NONE);
        changes.rmdir(fx.at("a"), Filename.of("b"), Checks.NONE);
        changes.remove(fx.at("a"), Filename.of("e"), Checks.NONE);
        changes.rmdir(fx.root(), Filename.of("a"), Checks.NONE);
        assertNull(fx.find("a"));
        changes.mkdir(fx.root(), Filename.of("a"), Sattr3.EMPTY, Checks.NONE);
        assertEquals(List.of(), fx.names("a"), "a new directory shows none of main's old entries");
    }

    @Test
    void checksAreAskedAndTheirRefusalChangesNothing() {
        Checks refuse = new Checks() {
            @Override
            public void newName(Filename name) {
            }

            @Override
            public void renamed(Filename from, Filename to) {
            }

            @Override
            public void dirChange(Resolved dir) {
                throw new NfsException(Nfs3Status.ACCES, "no");
            }

            @Override
            public void write(Resolved file) {
            }
        };
        assertStatus(Nfs3Status.ACCES, () -> changes.remove(fx.at("d"), Filename.of("x"), refuse));
        assertStatus(Nfs3Status.ACCES, () -> changes.create(fx.at("d"), Filename.of("y"), Sattr3.EMPTY, false, refuse));
        assertStatus(Nfs3Status.ACCES, () -> changes.rename(fx.root(), Filename.of("f"), fx.root(), Filename.of("g"), refuse));
        assertNotNull(fx.find("d/x"));
        assertNull(fx.find("d/y"));
        assertNotNull(fx.find("f"));
        assertEquals(0, fx.shadowStore.calls("REMOVE") + fx.shadowStore.calls("CREATE") + fx.shadowStore.calls("RENAME"));
    }

    private static void assertNotNull(Object o) {
        org.junit.jupiter.api.Assertions.assertNotNull(o);
    }

    private static void assertStatus(Nfs3Status want, Runnable change) {
        NfsException e = assertThrows(NfsException.class, change::run);
        assertEquals(want, e.status(), e.getMessage());
    }
}
