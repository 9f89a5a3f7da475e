package io.rowfs.proxy.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.TimeHow;
import io.rowfs.proxy.threading.NonBlocking;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class NamesBehindTest {
    @Test
    void aNewFilesAttributesRoundTripThroughItsIntentAndAreAllSentExplicitly() {
        NamesBehind.NewFile file = new NamesBehind.NewFile(0640, 1000, 100, new NfsTime3(1_700_000_000, 123_456_789));
        assertEquals(file, NamesBehind.NewFile.decode(file.encode()));
        assertThrows(IllegalArgumentException.class, () -> NamesBehind.NewFile.decode(new byte[19]));

        Sattr3 sent = file.sattr();
        SetTime t = new SetTime(TimeHow.SET_TO_CLIENT_TIME, file.time());
        assertEquals(new Sattr3(0640, 1000, 100, null, t, t), sent, "nothing left to the shadow's defaults");
        Fattr3 predicted = file.attributes();
        assertEquals(FileType.REG, predicted.type());
        assertEquals(java.util.List.of(0640, 1000, 100, 1, 0L), java.util.List.of(predicted.mode(), predicted.uid(),
                predicted.gid(), predicted.nlink(), predicted.size()));
        assertEquals(file.time(), predicted.mtime());
    }

    @Test
    void onlyEmptyCreatesGoBehind() {
        assertTrue(NamesBehind.canCreate(Sattr3.EMPTY));
        assertTrue(NamesBehind.canCreate(new Sattr3(0644, null, null, 0L, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE)));
        assertFalse(NamesBehind.canCreate(new Sattr3(0644, null, null, 5L, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE)));
    }

    @Test
    void slotsAreBoundedAndAFullQueueMovesTheFastPathToAWorker() {
        NamesBehind behind = behind(1);
        NamesBehind.Slot first = behind.reserve();
        assertTrue(first.usable());
        assertThrows(NonBlocking.WouldBlock.class, () -> NonBlocking.attempt(behind::reserve),
                "the event loop does not wait for a slot");
        first.close(); // unused: given back
        NamesBehind.Slot second = NonBlocking.attempt(behind::reserve);
        assertTrue(second.usable());
        second.close();

        NamesBehind off = behind(0);
        try (NamesBehind.Slot none = off.reserve()) {
            assertFalse(none.usable());
        }
    }

    private static NamesBehind behind(int maxQueued) {
        return new NamesBehind(null, null, null, null, null, null, null, null, null, CrashPoint.NONE, maxQueued,
                Runnable::run, Clock.systemUTC());
    }
}
