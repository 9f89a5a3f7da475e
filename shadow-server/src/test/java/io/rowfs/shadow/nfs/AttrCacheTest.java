package io.rowfs.shadow.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rowfs.shadow.fs.FileAttrs;
import io.rowfs.shadow.fs.FileType;
import io.rowfs.testsupport.ManualClock;
import org.junit.jupiter.api.Test;

/** The attribute cache's rules: TTL on a manual clock, and the change counter settling races. */
class AttrCacheTest {
    final ManualClock clock = new ManualClock(1_000_000);
    final AttrCache cache = new AttrCache(1000, 4, clock);

    static FileAttrs attrs(long inode, long size) {
        return new FileAttrs(FileType.REGULAR, 0644, 1, 0, 0, size, size, 0, 0, inode, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void entriesExpireAfterTheTtl() {
        cache.putName(cache.stamp(), 1, "a", attrs(7, 3));
        assertEquals(3, cache.get(7).size());
        assertEquals(7, cache.child(1, "a"));
        clock.advanceMillis(1000);
        assertEquals(7, cache.child(1, "a"), "still fresh at exactly the TTL");
        clock.advanceMillis(1);
        assertNull(cache.get(7));
        assertEquals(-1, cache.child(1, "a"));
    }

    @Test
    void aReadTakenBeforeAChangeIsNotKept() {
        long stamp = cache.stamp();
        cache.invalidate(99); // any change, even of another object, between the stamp and the put
        cache.put(stamp, attrs(7, 3));
        assertNull(cache.get(7));
        cache.put(cache.stamp(), attrs(7, 3));
        assertEquals(3, cache.get(7).size());
    }

    @Test
    void aChangeKeepsItsResultOnlyWhenNoOtherChangeHappenedMeanwhile() {
        cache.put(cache.stamp(), attrs(7, 3));
        long first = cache.stamp();
        cache.update(first, 7, attrs(7, 10));
        assertEquals(10, cache.get(7).size());
        long stale = cache.stamp();
        cache.invalidate(8); // another change overtakes
        cache.update(stale, 7, attrs(7, 20));
        assertNull(cache.get(7), "dropped, not kept with possibly old attributes");
        long failed = cache.stamp();
        cache.put(failed, attrs(7, 3));
        cache.update(failed, 7, null); // a failed change drops what was there
        assertNull(cache.get(7));
    }

    @Test
    void namesGoWithCreationAndRemoval() {
        cache.put(cache.stamp(), attrs(1, 4096)); // the directory
        cache.created(cache.stamp(), 1, "a", attrs(7, 0), null);
        assertNull(cache.get(1), "directory attributes changed");
        assertEquals(7, cache.child(1, "a"));
        cache.invalidateName(1, "a");
        assertEquals(-1, cache.child(1, "a"));
        assertNull(cache.get(7));
        long stamp = cache.stamp();
        cache.invalidateName(1, "b");
        cache.created(stamp, 1, "a", attrs(9, 0), attrs(1, 8192));
        assertEquals(-1, cache.child(1, "a"), "overtaken creation leaves nothing cached");
        assertNull(cache.get(9));
        assertNull(cache.get(1), "nor the directory's attributes");
    }

    @Test
    void aCreationOrRemovalKeepsTheDirectoryAttributesReadAfterIt() {
        cache.put(cache.stamp(), attrs(1, 4096));
        cache.created(cache.stamp(), 1, "a", attrs(7, 0), attrs(1, 8192));
        assertEquals(8192, cache.get(1).size(), "the directory as read after the creation");
        assertEquals(7, cache.child(1, "a"));
        cache.put(cache.stamp(), attrs(8, 5)); // another link of the object about to be removed
        cache.removed(cache.stamp(), 1, "a", 8, attrs(1, 12288));
        assertEquals(-1, cache.child(1, "a"));
        assertNull(cache.get(7), "the object the name named");
        assertNull(cache.get(8), "the removed object");
        assertEquals(12288, cache.get(1).size());
        long stale = cache.stamp();
        cache.invalidate(99); // another change overtakes
        cache.removed(stale, 1, "b", -1, attrs(1, 16384));
        assertNull(cache.get(1), "overtaken: dropped, not kept with possibly old attributes");
        cache.created(cache.stamp(), 1, "c", attrs(9, 0), attrs(2, 0));
        assertNull(cache.get(1), "attributes of another object are not the directory's");
        cache.put(cache.stamp(), attrs(1, 4096));
        cache.removed(cache.stamp(), 1, "c", -1, null); // a failed removal
        assertNull(cache.get(1));
        assertEquals(-1, cache.child(1, "c"));
    }

    @Test
    void aFullCacheStartsAgainAndAZeroTtlCachesNothing() {
        for (int i = 0; i < 5; i++) {
            cache.put(cache.stamp(), attrs(100 + i, i));
        }
        assertEquals(1, cache.size());
        assertEquals(4, cache.get(104).size());
        AttrCache off = new AttrCache(0, 4, clock);
        off.putName(off.stamp(), 1, "a", attrs(7, 3));
        off.put(off.stamp(), attrs(8, 3));
        assertNull(off.get(7));
        assertNull(off.get(8));
        assertEquals(-1, off.child(1, "a"));
    }
}
