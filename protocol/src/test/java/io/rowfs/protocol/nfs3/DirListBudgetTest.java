package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget counts exactly the bytes the encoders write, and stops at the client's limits. */
class DirListBudgetTest {
    @Test
    void readdirBudgetMatchesEncodedSizeForEveryCount() {
        List<DirEntry> all = Nfs3Samples.entries(40);
        PostOpAttr dirAttrs = Nfs3Samples.attrs();
        for (int count = 0; count <= 1400; count += 7) {
            DirListBudget budget = DirListBudget.forReaddir(count, dirAttrs);
            List<DirEntry> taken = new ArrayList<>();
            for (DirEntry e : all) {
                if (!budget.tryAdd(e)) {
                    break;
                }
                taken.add(e);
            }
            ReaddirResult r = ReaddirResult.ok(dirAttrs, Verifier.ZERO, taken, taken.size() == all.size());
            int encoded = Codec.bytes(r::encode).length;
            assertEquals(budget.bytes(), encoded, "budget counts what the encoder writes");
            assertEquals(count < 4 + 88 + 8 + 4 + 4, budget.tooSmall(), "count " + count);
            if (!taken.isEmpty()) {
                assertTrue(encoded <= count, encoded + " > " + count);
            }
            if (taken.size() < all.size()) {
                assertTrue(encoded + all.get(taken.size()).encodedSize() > count,
                        "the next entry would not have fit");
            }
        }
    }

    @Test
    void readdirplusStopsAtDircountOrMaxcountWhicheverComesFirst() {
        List<DirEntryPlus> all = Nfs3Samples.entriesPlus(30);
        PostOpAttr dirAttrs = PostOpAttr.ABSENT;
        for (int dirCount : new int[] {0, 24, 100, 333, 100_000}) {
            for (int maxCount : new int[] {0, 200, 1000, 4096, 100_000}) {
                DirListBudget budget = DirListBudget.forReaddirplus(dirCount, maxCount, dirAttrs);
                List<DirEntryPlus> taken = new ArrayList<>();
                int dirBytes = 0;
                for (DirEntryPlus e : all) {
                    if (!budget.tryAdd(e)) {
                        break;
                    }
                    taken.add(e);
                    dirBytes += e.dirSize();
                }
                ReaddirplusResult r = ReaddirplusResult.ok(dirAttrs, Verifier.ZERO, taken, false);
                int encoded = Codec.bytes(r::encode).length;
                assertEquals(budget.bytes(), encoded);
                assertTrue(dirBytes <= dirCount);
                if (!taken.isEmpty()) {
                    assertTrue(encoded <= maxCount);
                }
                if (taken.size() < all.size()) {
                    DirEntryPlus next = all.get(taken.size());
                    assertTrue(encoded + next.encodedSize() > maxCount
                            || dirBytes + next.dirSize() > dirCount);
                }
            }
        }
    }

    @Test
    void tooSmallWhenEvenTheEmptyReplyDoesNotFit() {
        assertTrue(DirListBudget.forReaddir(20, PostOpAttr.ABSENT).tooSmall());
        assertFalse(DirListBudget.forReaddir(24, PostOpAttr.ABSENT).tooSmall());
        assertTrue(DirListBudget.forReaddir(100, Nfs3Samples.attrs()).tooSmall());
    }

    @Test
    void countIsUnsigned() {
        DirListBudget b = DirListBudget.forReaddir(-1, PostOpAttr.ABSENT);
        for (DirEntry e : Nfs3Samples.entries(1000)) {
            assertTrue(b.tryAdd(e));
        }
    }
}
