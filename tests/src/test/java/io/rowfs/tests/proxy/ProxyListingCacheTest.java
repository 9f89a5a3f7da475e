package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.DirEntryPlus;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.SetattrArgs;
import io.rowfs.protocol.nfs3.SetattrResult;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.TimeHow;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The proxy keeps each directory's listing order and entry handles between READDIRPLUS calls, and
 * object records in memory. Whatever it keeps, a READDIRPLUS answer must show the entries as they
 * are now: sizes and times after WRITE and SETATTR of an entry, names after CREATE, REMOVE and
 * RENAME; and its attributes must equal GETATTR's.
 */
@Tag("peer")
class ProxyListingCacheTest extends ProxyPeerTestBase {
    @Test
    void keptListingsStillShowCurrentAttributesAndNames() throws Exception {
        Files.createDirectories(mainDir.resolve("d"));
        for (int i = 0; i < 40; i++) {
            Files.writeString(mainDir.resolve("d/f" + i), "main file " + i + "\n");
        }
        try (ProxyStack stack = rig().start()) {
            ProxyClient c = stack.client;
            FileHandle d = c.lookup(c.root, "d");
            Map<String, DirEntryPlus> first = listing(c, d);
            assertEquals(first.keySet(), listing(c, d).keySet(), "a second listing (kept order) is the same");
            assertEquals(42, first.size(), "40 files, . and ..");
            assertEquals(12, first.get("f1").attributes().attributes().size(), "\"main file 1\\n\"");

            // WRITE past the end of a main file: the next listing shows the new size and times
            FileHandle f1 = first.get("f1").handle();
            c.write(f1, 100, "tail".getBytes(), StableHow.FILE_SYNC);
            Fattr3 f1Now = c.getattr(f1);
            assertEquals(104, f1Now.size());
            Map<String, DirEntryPlus> afterWrite = listing(c, d);
            assertEquals(f1Now, afterWrite.get("f1").attributes().attributes(), "READDIRPLUS agrees with GETATTR");
            // an overwrite inside the file (now a shadow object: no size change, new times)
            Thread.sleep(20);
            c.write(f1, 0, "MAIN".getBytes(), StableHow.FILE_SYNC);
            Fattr3 f1Overwritten = c.getattr(f1);
            assertFalse(f1Overwritten.ctime().equals(f1Now.ctime()) && f1Overwritten.mtime().equals(f1Now.mtime()),
                    "the overwrite moved the file's times");
            assertEquals(f1Overwritten, listing(c, d).get("f1").attributes().attributes());

            // SETATTR of mode, mtime and size of another entry
            FileHandle f2 = afterWrite.get("f2").handle();
            NfsTime3 when = new NfsTime3(1_000_000_000, 0);
            SetattrResult set = c.get(c.nfs.setattr(ProxyRig.ROOT, new SetattrArgs(f2,
                    new Sattr3(0600, null, null, 3L, SetTime.DONT_CHANGE, new SetTime(TimeHow.SET_TO_CLIENT_TIME, when)),
                    null)));
            assertEquals(Nfs3Status.OK, set.status());
            Fattr3 f2Listed = listing(c, d).get("f2").attributes().attributes();
            assertEquals(0600, f2Listed.mode() & 07777);
            assertEquals(3, f2Listed.size());
            assertEquals(when, f2Listed.mtime());
            assertEquals(c.getattr(f2), f2Listed);

            // names: created, removed and renamed entries show at once, fileids and handles kept
            c.create(d, "new");
            assertEquals(Nfs3Status.OK, c.remove(d, "f3"));
            assertEquals(Nfs3Status.OK, c.rename(d, "f4", d, "f4-renamed"));
            Map<String, DirEntryPlus> afterNames = listing(c, d);
            assertTrue(afterNames.containsKey("new"));
            assertFalse(afterNames.containsKey("f3"));
            assertFalse(afterNames.containsKey("f4"));
            assertEquals(first.get("f4").fileId(), afterNames.get("f4-renamed").fileId());
            assertEquals(42, afterNames.size());
            assertEquals(c.getattr(c.lookup(d, "f4-renamed")), c.getattr(afterNames.get("f4-renamed").handle()));
            assertEquals(104, afterNames.get("f1").attributes().attributes().size(), "unchanged entries still current");
            assertEveryEntryAsGetattr(c, d);
        }
    }

    /**
     * Every entry's attributes in a listing equal GETATTR's. Creates, removes and renames finish in
     * the shadow behind their replies and then move the directory's (and a new file's) times, so a
     * mismatch is retried for a while: a listing that kept stale attributes never comes right.
     */
    private static void assertEveryEntryAsGetattr(ProxyClient c, FileHandle dir) throws Exception {
        String mismatch = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            mismatch = null;
            for (DirEntryPlus e : listing(c, dir).values()) {
                Fattr3 now = c.getattr(e.handle());
                if (!now.equals(e.attributes().attributes())) {
                    mismatch = "entry " + e.name() + ": listed " + e.attributes().attributes() + ", GETATTR " + now;
                    break;
                }
            }
            if (mismatch == null) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(mismatch);
    }

    /** Every entry of the directory by name, read in small READDIRPLUS pages (several per listing). */
    private static Map<String, DirEntryPlus> listing(ProxyClient c, FileHandle dir) throws Exception {
        ProxyClient.Listing listing = c.readdirplus(dir, 512, 2048);
        assertTrue(listing.pages() > 2, "paged: " + listing.pages());
        return listing.entries();
    }
}
