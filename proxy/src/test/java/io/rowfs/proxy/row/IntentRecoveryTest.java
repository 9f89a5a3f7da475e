package io.rowfs.proxy.row;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.Intent;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.store.memory.MemoryShadowStore.Halt;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery of each intent kind: the proxy halts between a change's shadow step and its table
 * step (or before the shadow step), restarts over the same state and stores, and recovery finishes
 * the change (the shadow made it) or drops it (the shadow did not): either way the tables and the
 * shadow agree, and no intent is left.
 */
class IntentRecoveryTest {
    @TempDir
    Path state;
    private RoomFixture fx;

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private RoomFixture open(int namesBehind, CrashPoint crash) {
        fx = new RoomFixture(state, namesBehind).open(crash);
        fx.mainTree.file("m", "main".getBytes());
        fx.mainTree.dir("d");
        return fx;
    }

    /** A file in the shadow with data (copied up from main). */
    private Resolved shadowFile() {
        fx.write("m", 0, "M".getBytes());
        return fx.at("m");
    }

    private List<Intent.Kind> pending() {
        return fx.intents.pending().values().stream().map(Intent::kind).toList();
    }

    @Test
    void removeHaltedAfterTheShadowIsFinished() {
        open(0, CrashPoint.NONE);
        Resolved m = shadowFile();
        fx.shadowStore.haltAfter("REMOVE");
        assertThrows(Halt.class, () -> fx.room.changes().remove(fx.root(), Filename.of("m"), Checks.NONE));
        assertEquals(List.of(Intent.Kind.REMOVE), pending());
        assertNotNull(fx.find("m"), "the tables still have it: the crash came first");

        assertEquals(1, fx.restart());
        assertNull(fx.find("m"), "finished: the name is gone");
        assertTrue(fx.room.names().bound(fx.root().id(), Filename.of("m")).get().isWhiteout(), "main's m stays hidden");
        assertTrue(fx.objects.get(m.id()).isEmpty(), "and the object");
        assertFalse(fx.shadowTree.exists("m"));
        assertEquals(List.of(), pending());
    }

    @Test
    void removeHaltedBeforeTheShadowIsDropped() {
        open(0, CrashPoint.NONE);
        Resolved m = shadowFile();
        fx.shadowStore.haltBefore("REMOVE");
        assertThrows(Halt.class, () -> fx.room.changes().remove(fx.root(), Filename.of("m"), Checks.NONE));

        assertEquals(1, fx.restart());
        assertEquals(m.id(), fx.at("m").id(), "dropped: the file is still there");
        assertArrayEquals("Main".getBytes(), fx.readAll("m"));
        assertTrue(fx.shadowTree.exists("m"));
        assertEquals(List.of(), pending());
    }

    @Test
    void renameHaltedAfterTheShadowIsFinished() {
        open(0, CrashPoint.NONE);
        Resolved m = shadowFile();
        fx.shadowStore.haltAfter("RENAME");
        assertThrows(Halt.class, () -> fx.room.changes().rename(fx.root(), Filename.of("m"), fx.at("d"), Filename.of("n"),
                Checks.NONE));
        assertEquals(List.of(Intent.Kind.RENAME), pending());

        fx.restart();
        assertNull(fx.find("m"));
        assertEquals(m.id(), fx.at("d/n").id(), "finished: the same object under the new name");
        assertEquals(fx.at("d").id(), fx.at("d/n").record().parentId());
        assertArrayEquals("Main".getBytes(), fx.readAll("d/n"));
        assertEquals(List.of(), pending());
    }

    @Test
    void renameHaltedAtItsCrashPointIsFinished() {
        open(0, RoomFixture.haltAt("rename-after-shadow"));
        Resolved m = shadowFile();
        assertThrows(Halt.class, () -> fx.room.changes().rename(fx.root(), Filename.of("m"), fx.root(), Filename.of("n"),
                Checks.NONE));
        fx.restart();
        assertEquals(m.id(), fx.at("n").id());
        assertNull(fx.find("m"));
    }

    @Test
    void renameHaltedBeforeTheShadowIsDropped() {
        open(0, CrashPoint.NONE);
        Resolved m = shadowFile();
        fx.shadowStore.haltBefore("RENAME");
        assertThrows(Halt.class, () -> fx.room.changes().rename(fx.root(), Filename.of("m"), fx.at("d"), Filename.of("n"),
                Checks.NONE));
        fx.restart();
        assertEquals(m.id(), fx.at("m").id(), "dropped: still under its old name");
        assertNull(fx.find("d/n"));
        assertTrue(fx.shadowTree.exists("m"));
        assertEquals(List.of(), pending());
    }

    @Test
    void linkHaltedAfterTheShadowIsFinished() {
        open(0, CrashPoint.NONE);
        Resolved m = shadowFile();
        fx.shadowStore.haltAfter("LINK");
        assertThrows(Halt.class, () -> fx.room.changes().link(m, fx.at("d"), Filename.of("k"), Checks.NONE));
        assertNull(fx.find("d/k"), "the tables did not have it yet");

        fx.restart();
        assertEquals(m.id(), fx.at("d/k").id(), "finished: both names, one object");
        assertEquals(m.id(), fx.at("m").id());
        assertEquals(List.of(), pending());
    }

    @Test
    void linkHaltedBeforeTheShadowIsDropped() {
        open(0, CrashPoint.NONE);
        Resolved m = shadowFile();
        fx.shadowStore.haltBefore("LINK");
        assertThrows(Halt.class, () -> fx.room.changes().link(m, fx.at("d"), Filename.of("k"), Checks.NONE));
        fx.restart();
        assertNull(fx.find("d/k"));
        assertFalse(fx.shadowTree.exists("d/k"));
        assertEquals(List.of(), pending());
    }

    @Test
    void aCreateBehindWhoseShadowStepNeverRanIsMadeAtStart() throws Exception {
        open(8, CrashPoint.NONE);
        Resolved made = fx.createFile("d", "new");
        assertTrue(made.record().has(ObjectRecord.FLAG_SHADOW_PENDING), "answered before the shadow made it");
        assertFalse(fx.shadowTree.exists("d/new"));
        assertEquals(List.of(Intent.Kind.CREATE_BEHIND), pending());

        fx.restart(); // the queued CREATE is lost with the process
        Resolved after = fx.at("d/new");
        assertEquals(made.id(), after.id(), "the client's handle still names it");
        assertTrue(fx.shadowTree.exists("d/new"), "made now");
        assertArrayEquals(fx.shadowTree.handle("d/new").bytes(), after.record().shadowHandle());
        assertEquals(List.of(), pending());
    }

    @Test
    void aCreateBehindHaltedAfterTheShadowStepIsAdopted() throws Exception {
        open(8, RoomFixture.haltAt("create-behind-after-shadow"));
        Resolved made = fx.createFile("d", "new");
        assertThrows(Halt.class, fx::runQueued);
        assertTrue(fx.shadowTree.exists("d/new"), "the shadow made it");
        assertEquals(0, fx.objects.get(made.id()).get().shadowHandle().length, "the tables did not record it");

        fx.restart();
        assertArrayEquals(fx.shadowTree.handle("d/new").bytes(), fx.at("d/new").record().shadowHandle(),
                "adopted, not made twice");
        assertEquals(1, fx.shadowStore.calls("CREATE"));
        assertEquals(List.of(), pending());
    }

    @Test
    void aRemoveBehindWhoseShadowStepNeverRanIsMadeAtStart() throws Exception {
        open(8, CrashPoint.NONE);
        fx.createFile("d", "gone");
        fx.runQueued(); // the file is made in the shadow
        assertTrue(fx.shadowTree.exists("d/gone"));
        fx.room.changes().remove(fx.at("d"), Filename.of("gone"), Checks.NONE);
        assertNull(fx.find("d/gone"), "answered: gone from the tables");
        assertTrue(fx.shadowTree.exists("d/gone"), "the shadow REMOVE is still queued");
        assertEquals(List.of(Intent.Kind.REMOVE_BEHIND), pending());

        fx.restart();
        assertFalse(fx.shadowTree.exists("d/gone"), "removed at start");
        assertNull(fx.find("d/gone"));
        assertEquals(List.of(), pending());
    }

    @Test
    void aRemoveBehindThenARecreateKeepsTheNewFile() throws Exception {
        open(8, CrashPoint.NONE);
        fx.createFile("d", "f");
        fx.runQueued();
        fx.room.changes().remove(fx.at("d"), Filename.of("f"), Checks.NONE);
        fx.runQueued();
        Resolved again = fx.createFile("d", "f");
        fx.runQueued();
        fx.restart();
        assertEquals(again.id(), fx.at("d/f").id());
        assertTrue(fx.shadowTree.exists("d/f"));
        assertEquals(List.of(), pending());
    }
}
