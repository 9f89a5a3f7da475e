package io.rowfs.proxy.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.FsstatResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.proxy.threading.BackendException;
import io.rowfs.testsupport.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ShadowRoomTest {
    private static final long MIN_BYTES = 1000;
    private static final long MIN_FILES = 10;

    private final AtomicReference<FsstatResult> answer = new AtomicReference<>();
    private final List<Runnable> background = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private final ShadowRoom room = new ShadowRoom(() -> {
        FsstatResult r = answer.get();
        if (r == null) {
            throw new BackendException("shadow FSSTAT: no answer", null);
        }
        return r;
    }, background::add, clock, Duration.ofSeconds(1), MIN_BYTES, MIN_FILES);

    private static FsstatResult fsstat(long availBytes, long totalFiles, long availFiles) {
        return FsstatResult.ok(PostOpAttr.ABSENT, 1 << 30, availBytes, availBytes, totalFiles, availFiles, availFiles, 0);
    }

    private void runBackground() {
        List<Runnable> tasks = new ArrayList<>(background);
        background.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void noRoomUntilTheShadowSaysSoAndNoneWhenItCannotBeAsked() {
        assertFalse(room.enough(), "nothing known yet");
        assertEquals(1, background.size(), "an FSSTAT was asked for");
        assertFalse(room.enough());
        assertEquals(1, background.size(), "one at a time");
        runBackground(); // fails: no answer
        assertFalse(room.enough());
        answer.set(FsstatResult.fail(Nfs3Status.IO, PostOpAttr.ABSENT));
        clock.advanceMillis(2000);
        room.enough();
        runBackground();
        assertFalse(room.enough(), "a failed FSSTAT gives no room");
        answer.set(fsstat(5000, 100, 50));
        clock.advanceMillis(2000);
        room.enough();
        runBackground();
        assertTrue(room.enough());
    }

    @Test
    void filesCreatedBehindCountUntilTheNextAnswerAndLowSpaceStopsIt() {
        answer.set(fsstat(5000, 100, MIN_FILES + 2));
        room.refresh();
        assertTrue(room.enough());
        room.used();
        room.used();
        assertTrue(room.enough(), "exactly the minimum left");
        room.used();
        assertFalse(room.enough(), "one file under the minimum");
        assertTrue(background.isEmpty(), "the answer is fresh: no new FSSTAT yet");
        clock.advanceMillis(1000);
        answer.set(fsstat(MIN_BYTES - 1, 100, 90));
        room.enough();
        runBackground();
        assertFalse(room.enough(), "too few bytes");
        answer.set(fsstat(MIN_BYTES, 0, 0));
        room.refresh();
        assertTrue(room.enough(), "a file system that reports no files (btrfs) has no file limit");
    }

    @Test
    void unlimitedAlwaysHasRoom() {
        assertTrue(ShadowRoom.UNLIMITED.enough());
        ShadowRoom.UNLIMITED.used();
        assertTrue(ShadowRoom.UNLIMITED.enough());
    }
}
