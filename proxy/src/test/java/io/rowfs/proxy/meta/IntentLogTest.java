package io.rowfs.proxy.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
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
        assertThrows(IllegalStateException.class, () -> Intent.decode(new byte[] {9, 0, 0}));
        byte[] withoutDetail = Intent.remove(7, 1, n("gone")).encode(); // as written before details existed
        assertEquals(0, Intent.decode(withoutDetail).detail().length);
        assertEquals(withoutDetail.length, Intent.removeBehind(7, 1, n("gone")).encode().length);
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
