package io.rowfs.proxy.cache;

/**
 * Readahead: after each read, decides which further chunks to fetch ({@link ReadaheadWindow}: an
 * adaptive window per sequential stream of a main file) and has the {@link ChunkFetcher} start
 * them; none while {@linkplain ChunkTiers#diskBehind the memory tier's bound waits for the disk
 * cache}, in which case the window hands the range back and a later read asks for it again.
 * Chunks a tier holds or a fetch already brings are not fetched again.
 *
 * <p>Its state is per file stream only (the window's table); the tiers and the fetcher it feeds
 * may be shared by several proxy engines. Threads: called on reader threads (workers, or the event
 * loop on a fast-path attempt; it never waits). Locks: a stream's monitor inside
 * {@link ReadaheadWindow}, released before the fetcher is called.
 */
final class ReadaheadPolicy {
    /** The window's initial size, in chunks (smaller if the maximum is). */
    static final int DEFAULT_INITIAL_WINDOW = 4;

    private final ChunkFetcher fetcher;
    private final ChunkTiers tiers;
    private final ReadaheadWindow window;
    private final int chunkSize;

    /** @param maxWindow the largest readahead window, in chunks (0: no readahead) */
    ReadaheadPolicy(ChunkFetcher fetcher, int maxWindow) {
        this.fetcher = fetcher;
        this.tiers = fetcher.tiers();
        this.window = new ReadaheadWindow(Math.min(DEFAULT_INITIAL_WINDOW, maxWindow), maxWindow);
        this.chunkSize = tiers.chunkSize();
    }

    /**
     * Notes a read of chunks {@code [first, last]} of a main file of {@code mainSize} bytes and
     * starts the readahead it calls for. To be called after the read's own fetches were started:
     * those are wanted first. {@code caughtUp}: some chunk of the read was missing or still on its
     * way (the window is too small for the link).
     *
     * @return the chunks handed to the fetcher (empty when none, or while paused)
     */
    ReadaheadWindow.Range afterRead(byte[] mainHandle, long mainSize, long first, long last, boolean caughtUp) {
        ReadaheadWindow.Range ahead = window.onRead(mainHandle, first, last, (mainSize - 1) / chunkSize, caughtUp);
        if (ahead.isEmpty()) {
            return ahead;
        }
        if (tiers.diskBehind()) {
            // readahead may not outrun the disk cache: the next read asks for these again
            window.notFetched(mainHandle, ahead);
            return ReadaheadWindow.Range.NONE;
        }
        fetcher.prefetch(mainHandle, mainSize, ahead.first(), ahead.last());
        return ahead;
    }

    /** The current readahead window of a file, in chunks. */
    int window(byte[] mainHandle) {
        return window.window(mainHandle);
    }
}
