package io.rowfs.shadow.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFileCacheTest {
    @TempDir
    Path dir;

    @Test
    void reusesChannelsEvictsLruAndClosesOnlyWhenReleased() throws Exception {
        Path[] f = new Path[3];
        for (int i = 0; i < 3; i++) {
            f[i] = Files.writeString(dir.resolve("f" + i), "x");
        }
        try (OpenFileCache c = new OpenFileCache(2, false)) {
            OpenFileCache.Open a = c.acquire(0, f[0], false);
            OpenFileCache.Open a2 = c.acquire(0, f[0], true);
            assertSame(a, a2);
            a2.close();
            c.acquire(1, f[1], false).close();
            c.acquire(2, f[2], false).close(); // evicts 0, but a still holds it
            assertFalse(c.contains(0));
            assertEquals(2, c.size());
            assertTrue(a.channel().isOpen(), "in use: must stay open");
            a.close();
            assertFalse(a.channel().isOpen(), "evicted and released: closed");
            OpenFileCache.Open b = c.acquire(1, f[1], false);
            c.invalidate(1);
            assertTrue(b.channel().isOpen());
            b.close();
            assertFalse(b.channel().isOpen());
        }
    }

    @Test
    void retireSaysWhetherAnyoneStillUsesOrOpensTheInode() throws Exception {
        Path p = Files.writeString(dir.resolve("f"), "x");
        try (OpenFileCache c = new OpenFileCache(2, false)) {
            assertTrue(c.retire(7), "never opened");
            c.acquire(7, p, true).close();
            assertTrue(c.retire(7), "cached but idle");
            assertFalse(c.contains(7));
            OpenFileCache.Open o = c.acquire(7, p, true);
            assertFalse(c.retire(7), "in use");
            assertTrue(o.channel().isOpen(), "closed only when released");
            o.close();
            assertFalse(o.channel().isOpen());
            assertThrows(java.nio.file.NoSuchFileException.class, () -> c.acquire(8, dir.resolve("none"), false));
            assertTrue(c.retire(8), "a failed open leaves no one opening");
        }
    }

    @Test
    void aChannelClosedByAnInterruptIsReplaced() throws Exception {
        Path p = Files.writeString(dir.resolve("i"), "data");
        try (OpenFileCache c = new OpenFileCache(2, false)) {
            OpenFileCache.Open first = c.acquire(3, p, true);
            Thread.currentThread().interrupt();
            assertThrows(java.nio.channels.ClosedByInterruptException.class,
                    () -> first.channel().read(java.nio.ByteBuffer.allocate(4), 0));
            assertTrue(Thread.interrupted(), "the interrupt stays set (and is cleared here)");
            first.close();
            try (OpenFileCache.Open next = c.acquire(3, p, false)) {
                assertTrue(next.channel().isOpen(), "a fresh channel, not the closed one");
                assertEquals(4, next.channel().read(java.nio.ByteBuffer.allocate(4), 0));
            }
        }
    }

    @Test
    void readOnlyCacheRefusesWrites() throws Exception {
        Path p = Files.writeString(dir.resolve("r"), "x");
        try (OpenFileCache c = new OpenFileCache(2, true)) {
            assertEquals(FsError.READ_ONLY,
                    assertThrows(FsException.class, () -> c.acquire(1, p, true)).error());
            c.acquire(1, p, false).close();
        }
    }
}
