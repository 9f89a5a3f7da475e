package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.DirEntry;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.ReaddirArgs;
import io.rowfs.protocol.nfs3.ReaddirResult;
import io.rowfs.protocol.nfs3.Verifier;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A merged directory of 5,000 entries (main's, minus removed, plus created) listed page by page
 * with READDIR and with READDIRPLUS: every name exactly once, the same fileids as LOOKUP, a zero
 * cookie verifier, and resuming from the cookie of an entry removed meanwhile.
 */
@Tag("peer")
class ProxyReaddirTest extends ProxyPeerTestBase {
    @Test
    void mergedDirectoryOf5000EntriesWithBothProcedures() throws Exception {
        Files.createDirectories(mainDir.resolve("big"));
        for (int i = 0; i < 4997; i++) {
            Files.writeString(mainDir.resolve("big/f" + i), "");
        }
        try (ProxyStack stack = rig().start()) {
            ProxyClient c = stack.client;
            long t0 = System.nanoTime();
            FileHandle big = c.lookup(c.root, "big");
            for (int i = 0; i < 10; i++) {
                c.create(big, "new" + i);
            }
            assertEquals(Nfs3Status.OK, c.remove(big, "f0"));
            assertEquals(Nfs3Status.OK, c.remove(big, "new0"));
            Set<String> want = new HashSet<>();
            for (int i = 1; i < 4997; i++) {
                want.add("f" + i);
            }
            for (int i = 1; i < 10; i++) {
                want.add("new" + i);
            }
            want.add(".");
            want.add("..");

            long t1 = System.nanoTime();
            Map<String, Long> plain = readdirAll(c, big, 4096);
            long t2 = System.nanoTime();
            assertEquals(want, plain.keySet());
            assertEquals(5005, plain.size() - 2, "merged entries");
            Map<String, Long> plus = new HashMap<>();
            c.readdirplus(big, 1024, 16384).entries().forEach((name, e) -> plus.put(name, e.fileId()));
            long t3 = System.nanoTime();
            System.out.printf("TIMING setup %d ms, readdir %d ms, readdirplus %d ms%n", (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            assertEquals(plain, plus, "READDIR and READDIRPLUS agree, fileids included");
            assertEquals(plain.get("f77").longValue(), c.getattr(c.lookup(big, "f77")).fileid());
            assertEquals(plain.get("new3").longValue(), c.getattr(c.lookup(big, "new3")).fileid());

            // resume from the cookie of an entry that is removed before the next call
            ReaddirResult first = c.get(c.nfs.readdir(ProxyRig.ROOT, new ReaddirArgs(big, 0, Verifier.ZERO, 2048)));
            assertFalse(first.eof());
            DirEntry lastSeen = first.entries().get(first.entries().size() - 1);
            assertEquals(Nfs3Status.OK, c.remove(big, lastSeen.name().toString()));
            Map<String, Long> rest = new HashMap<>();
            long cookie = lastSeen.cookie();
            while (true) {
                ReaddirResult page = c.get(c.nfs.readdir(ProxyRig.ROOT, new ReaddirArgs(big, cookie, new Verifier(12345), 2048)));
                assertEquals(Nfs3Status.OK, page.status(), "any cookie verifier is accepted");
                page.entries().forEach(e -> rest.put(e.name().toString(), e.fileId()));
                if (page.eof()) {
                    break;
                }
                cookie = page.entries().get(page.entries().size() - 1).cookie();
            }
            Set<String> seen = new HashSet<>(rest.keySet());
            first.entries().forEach(e -> assertFalse(rest.containsKey(e.name().toString()), "no entry twice"));
            first.entries().forEach(e -> seen.add(e.name().toString()));
            Set<String> wantNow = new HashSet<>(want);
            assertEquals(wantNow, seen, "the rest of the listing, nothing lost");
        }
    }

    private static Map<String, Long> readdirAll(ProxyClient c, FileHandle dir, int count) throws Exception {
        Map<String, Long> out = new HashMap<>();
        long cookie = 0;
        int pages = 0;
        while (true) {
            ReaddirResult page = c.get(c.nfs.readdir(ProxyRig.ROOT, new ReaddirArgs(dir, cookie, Verifier.ZERO, count)));
            assertEquals(Nfs3Status.OK, page.status());
            assertEquals(Verifier.ZERO, page.cookieVerifier());
            for (DirEntry e : page.entries()) {
                assertTrue(out.put(e.name().toString(), e.fileId()) == null, "twice: " + e.name());
                cookie = e.cookie();
            }
            pages++;
            if (page.eof()) {
                break;
            }
        }
        assertTrue(pages > 10, "paged: " + pages);
        return out;
    }
}
