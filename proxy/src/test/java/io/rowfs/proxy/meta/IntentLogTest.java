package io.rowfs.proxy.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentLogTest {
    @TempDir
    Path state;

    private static byte[] n(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void intentsRoundTripThroughTheirEncoding() {
        for (Intent i : List.of(Intent.remove(7, 1, n("gone")), Intent.rename(9, 2, n("a"), 3, n("b\u00e9")),
                Intent.link(11, 4, n("e")), Intent.rename(12, 5, new byte[255], 6, new byte[0]),
                Intent.createBehind(13, n("new"), new byte[] {1, 2, 3, 4}), Intent.removeBehind(14, 15, n("old")))) {
            assertEquals(i, Intent.decode(i.encode()));
        }
        assertThrows(IllegalArgumentException.class, () -> Intent.decode(new byte[] {9, 0, 0}), "unknown kind");
        byte[] whole = Intent.rename(9, 2, n("a"), 3, n("b")).encode();
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] shorter = java.util.Arrays.copyOf(whole, cut);
            assertThrows(IllegalArgumentException.class, () -> Intent.decode(shorter), "cut at " + cut);
        }
        assertThrows(IllegalArgumentException.class, () -> Intent.decode(java.util.Arrays.copyOf(whole, whole.length + 3)),
                "bytes after the end");
        byte[] withoutDetail = Intent.remove(7, 1, n("gone")).encode(); // as written before details existed
        assertEquals(0, Intent.decode(withoutDetail).detail().length);
        assertEquals(withoutDetail.length, Intent.removeBehind(7, 1, n("gone")).encode().length);
    }

    @Test
    void aDamagedIntentIsSetAsideWithItsBytesKeptAndTheOthersStillListed() throws Exception {
        Intent good = Intent.remove(7, 1, n("x"));
        byte[] damaged = {1, 0, 0, 0};
        long bad;
        try (IntentLog log = IntentLog.open(state)) {
            log.begin(good);
            bad = log.record(damaged);
        }
        try (IntentLog log = IntentLog.open(state)) {
            assertEquals(List.of(good), List.copyOf(log.pending().values()));
            assertEquals(1, log.pending().size(), "set aside once, not listed again");
        }
        Path kept = state.resolve(IntentLog.UNREADABLE_DIR).resolve("intent-" + bad + ".bin");
        assertArrayEquals(damaged, Files.readAllBytes(kept));
    }

    @Test
    void pendingIntentsSurviveReopeningOldestFirstAndDoneOnesAreGone() throws Exception {
        Intent first = Intent.remove(7, 1, n("x"));
        Intent second = Intent.link(8, 1, n("y"));
        Intent third = Intent.rename(9, 1, n("a"), 2, n("b"));
        try (IntentLog log = IntentLog.open(state)) {
            log.begin(first);
            long s2 = log.begin(second);
            log.begin(third);
            log.done(s2);
        }
        try (IntentLog log = IntentLog.open(state)) {
            assertEquals(List.of(first, third), List.copyOf(log.pending().values()));
            long next = log.begin(second);
            assertEquals(3, log.pending().size());
            assertEquals(true, next > log.pending().keySet().stream().filter(k -> k != next).max(Long::compare).orElseThrow(),
                    "sequence numbers keep growing after a restart");
        }
    }
}
