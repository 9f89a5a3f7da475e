package io.rowfs.proxy.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The adaptive readahead window: growth, cap, reset, end of file, and no chunk asked twice. */
class ReadaheadWindowTest {
    final byte[] h = {7};

    @Test
    void startOfFileIsSequentialAndTheWindowDoublesToItsCap() {
        ReadaheadWindow w = new ReadaheadWindow(2, 8);
        assertEquals(new ReadaheadWindow.Range(1, 2), w.onRead(h, 0, 0, 1000));
        assertEquals(new ReadaheadWindow.Range(3, 5), w.onRead(h, 1, 1, 1000), "window 4: up to 1+4");
        assertEquals(new ReadaheadWindow.Range(6, 10), w.onRead(h, 2, 2, 1000), "window 8: up to 2+8");
        assertEquals(new ReadaheadWindow.Range(11, 11), w.onRead(h, 3, 3, 1000), "capped at 8: one new chunk");
        assertEquals(8, w.window(h));
    }

    @Test
    void theWindowGrowsOnlyWhileTheReaderCatchesUp() {
        ReadaheadWindow w = new ReadaheadWindow(4, 64);
        assertEquals(new ReadaheadWindow.Range(1, 4), w.onRead(h, 0, 0, 1000, true));
        assertEquals(new ReadaheadWindow.Range(5, 5), w.onRead(h, 1, 1, 1000, false), "served from readahead: window stays 4");
        assertEquals(4, w.window(h));
        assertEquals(new ReadaheadWindow.Range(6, 10), w.onRead(h, 2, 2, 1000, true), "caught up: window 8");
        assertEquals(8, w.window(h));
        w.onRead(h, 3, 3, 1000, false);
        assertEquals(8, w.window(h));
    }

    @Test
    void aReadInTheMiddleIsNotSequentialUntilContinued() {
        ReadaheadWindow w = new ReadaheadWindow(4, 64);
        assertTrue(w.onRead(h, 100, 103, 1000).isEmpty());
        assertEquals(0, w.window(h));
        assertEquals(new ReadaheadWindow.Range(108, 111), w.onRead(h, 104, 107, 1000));
        assertTrue(w.onRead(h, 500, 500, 1000).isEmpty(), "a jump resets");
        assertEquals(0, w.window(h));
    }

    @Test
    void outOfOrderReadsWithinTheSlackStaySequential() {
        ReadaheadWindow w = new ReadaheadWindow(4, 64);
        w.onRead(h, 0, 0, 1000);
        w.onRead(h, 2, 2, 1000); // chunk 1's READ still on its way
        assertTrue(w.onRead(h, 1, 1, 1000).isEmpty() || w.window(h) > 0);
        assertTrue(w.window(h) >= 8, "still growing: " + w.window(h));
    }

    @Test
    void clippedToTheLastChunkAndNeverAsksTwice() {
        ReadaheadWindow w = new ReadaheadWindow(4, 64);
        assertEquals(new ReadaheadWindow.Range(1, 4), w.onRead(h, 0, 0, 5));
        assertEquals(new ReadaheadWindow.Range(5, 5), w.onRead(h, 1, 1, 5));
        assertTrue(w.onRead(h, 2, 2, 5).isEmpty());
        assertTrue(w.onRead(h, 5, 5, 5).isEmpty());
    }

    @Test
    void zeroMaxMeansNoReadaheadAndBadBoundsAreRefused() {
        assertTrue(new ReadaheadWindow(0, 0).onRead(h, 0, 0, 100).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new ReadaheadWindow(8, 4));
        assertThrows(IllegalArgumentException.class, () -> new ReadaheadWindow(0, -1));
    }

    @Test
    void filesHaveTheirOwnStreams() {
        ReadaheadWindow w = new ReadaheadWindow(4, 64);
        byte[] other = {8};
        w.onRead(h, 0, 0, 1000);
        w.onRead(h, 1, 1, 1000);
        assertEquals(new ReadaheadWindow.Range(1, 4), w.onRead(other, 0, 0, 1000));
        assertEquals(8, w.window(h));
        assertEquals(4, w.window(other));
    }
}
