package io.rowfs.proxy.cache;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides how far ahead of a reader to fetch, per main file. A read that starts the file or
 * continues the previous one (within a window's slack, so that a client's parallel READs arriving
 * out of order still count) is sequential: the window starts at {@code initial} chunks and doubles
 * whenever a sequential read <em>caught up</em> with readahead (found a chunk still on its way or
 * not requested), up to {@code max}; any other read resets it. Over a link of round trip RTT,
 * throughput is about window / RTT, so on a WAN the reader keeps catching up until the window
 * covers the RTT (tens of MiB), while on a LAN, where fetches arrive before the reader asks, it
 * stays small: fewer READs outstanding at main, less work there per MiB.
 *
 * <p>Each call returns the chunks not yet requested for this stream: a stream remembers how far it
 * has already asked, so steady sequential reading asks for a few new chunks per read, not the whole
 * window again. Thread-safe; the per-file table is a bounded hint (cleared when it grows past
 * {@value #MAX_STREAMS} files: losing it only delays readahead).
 */
final class ReadaheadWindow {
    static final int MAX_STREAMS = 4096;

    private final int initial;
    private final int max;
    private final Map<Key, Stream> streams = new ConcurrentHashMap<>();

    ReadaheadWindow(int initial, int max) {
        if (max < 0 || initial < 0 || initial > max) {
            throw new IllegalArgumentException("readahead window " + initial + ".." + max + " chunks");
        }
        this.initial = Math.max(1, initial);
        this.max = max;
    }

    /** A range of chunks to request, inclusive. */
    record Range(long first, long last) {
        static final Range NONE = new Range(0, -1);

        boolean isEmpty() {
            return last < first;
        }
    }

    /** As {@link #onRead(byte[], long, long, long, boolean)} for a read that caught up with readahead. */
    Range onRead(byte[] handle, long first, long last, long lastChunk) {
        return onRead(handle, first, last, lastChunk, true);
    }

    /**
     * Notes a read of chunks {@code [first, last]} of a file whose final chunk is {@code lastChunk}
     * and answers which further chunks to fetch now (possibly none). {@code caughtUp}: some chunk
     * of this read was not there yet (the window is too small for the link).
     */
    Range onRead(byte[] handle, long first, long last, long lastChunk, boolean caughtUp) {
        if (max == 0) {
            return Range.NONE;
        }
        Key key = new Key(handle);
        Stream s = streams.get(key);
        if (s == null) {
            if (streams.size() >= MAX_STREAMS) {
                streams.clear();
            }
            s = streams.computeIfAbsent(key, k -> new Stream());
        }
        synchronized (s) {
            long slack = Math.max(4, s.window);
            boolean sequential = s.lastRead < 0 ? first == 0
                    : first >= s.lastRead - slack && first <= s.lastRead + 1 + slack;
            if (!sequential) {
                s.window = 0;
                s.lastRead = last;
                s.requestedTo = last;
                return Range.NONE;
            }
            s.lastRead = Math.max(s.lastRead, last);
            s.window = s.window == 0 ? initial : caughtUp ? Math.min(max, s.window * 2) : s.window;
            long to = Math.min(lastChunk, s.lastRead + s.window);
            long from = Math.max(s.lastRead + 1, s.requestedTo + 1);
            s.requestedTo = Math.max(s.requestedTo, to);
            return from <= to ? new Range(from, to) : Range.NONE;
        }
    }

    /**
     * The chunks of {@code range}, handed out by {@link #onRead}, were not fetched after all: the
     * next read asks for them again.
     */
    void notFetched(byte[] handle, Range range) {
        Stream s = streams.get(new Key(handle));
        if (s == null || range.isEmpty()) {
            return;
        }
        synchronized (s) {
            s.requestedTo = Math.min(s.requestedTo, range.first() - 1);
        }
    }

    /** The current window of a file, in chunks (0: not sequential); for tests and metrics. */
    int window(byte[] handle) {
        Stream s = streams.get(new Key(handle));
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            return s.window;
        }
    }

    private static final class Stream {
        long lastRead = -1;    // guarded by this: highest chunk read so far
        long requestedTo = -1; // guarded by this: highest chunk already requested by readahead
        int window;            // guarded by this
    }

    private record Key(byte[] handle) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(handle, k.handle);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(handle);
        }
    }
}
