package io.rowfs.proxy.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.Filename;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameIndexTest {
    @TempDir
    Path dir;

    @Test
    void childrenAndWhiteoutsPersistAcrossReopen() throws Exception {
        Filename a = Filename.of("a");
        Filename b = Filename.of(new byte[] {(byte) 0xff, 0x00, 'x'}); // not UTF-8, holds NUL
        try (NameIndex idx = NameIndex.open(dir, 1000)) {
            idx.put(1, a, NameEntry.child(7));
            idx.put(1, b, NameEntry.WHITEOUT);
            idx.put(2, a, NameEntry.child(8));
            assertEquals(Optional.of(NameEntry.child(7)), idx.get(1, a));
            assertTrue(idx.get(1, b).orElseThrow().isWhiteout());
            assertEquals(Optional.empty(), idx.get(3, a));
        }
        try (NameIndex idx = NameIndex.open(dir, 1000)) {
            assertEquals(Map.of(a, NameEntry.child(7), b, NameEntry.WHITEOUT), idx.entries(1));
            assertEquals(Map.of(a, NameEntry.child(8)), idx.entries(2));
            idx.remove(1, a);
            idx.put(2, a, NameEntry.WHITEOUT);
        }
        try (NameIndex idx = NameIndex.open(dir, 1000)) {
            assertEquals(Map.of(b, NameEntry.WHITEOUT), idx.entries(1));
            assertTrue(idx.get(2, a).orElseThrow().isWhiteout());
            assertEquals(2, idx.size());
        }
    }

    @Test
    void reopensWithRecoveryWhenTheCleanMarkerIsMissing() throws Exception {
        try (NameIndex idx = NameIndex.open(dir, 1000)) {
            idx.put(1, Filename.of("kept"), NameEntry.child(5));
        }
        // as after kill -9 (a real one is in ProxyCrashRestartTest): no clean marker, the map is recovered
        Files.delete(dir.resolve("names.clean"));
        try (NameIndex again = NameIndex.open(dir, 1000)) {
            assertEquals(Optional.of(NameEntry.child(5)), again.get(1, Filename.of("kept")));
        }
        assertTrue(Files.exists(dir.resolve("names.clean")));
    }

    @Test
    void valueCodecRefusesGarbage() {
        assertEquals(NameEntry.child(42), NameIndex.decodeValue(NameIndex.encodeValue(NameEntry.child(42))));
        assertEquals(NameEntry.WHITEOUT, NameIndex.decodeValue(NameIndex.encodeValue(NameEntry.WHITEOUT)));
        assertThrows(IllegalStateException.class, () -> NameIndex.decodeValue(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 1}));
        assertThrows(IllegalStateException.class, () -> NameIndex.decodeValue(new byte[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> NameEntry.child(0));
    }

    @Test
    void keyLayoutIsParentThenName() {
        byte[] key = NameIndex.key(0x0102030405060708L, Filename.of("ab"));
        assertEquals(10, key.length);
        assertEquals(0x0102030405060708L, NameIndex.parentOf(key));
        assertEquals(Filename.of("ab"), NameIndex.nameOf(key));
    }
}
