package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.FsstatResult;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the shadow has room for files created behind the reply. Such a CREATE is answered
 * before the shadow makes it; if the shadow then refused it (no space, no inodes), the client
 * would hold a file that is gone. So files are created behind only while the shadow's last
 * FSSTAT showed at least {@code minBytes} and {@code minFiles} available, less the files created
 * behind since then (a shadow whose file system reports no files at all, as btrfs does, has no
 * file limit); else CREATE waits for the shadow and the client gets its answer (NOSPC).
 *
 * <p>The FSSTAT is refreshed in the background once it is older than {@code interval}, one at a
 * time; {@link #enough} never waits for it. Until the first answer, and after a failed one, there
 * is no room. Thread-safe.
 */
public final class ShadowRoom {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowRoom.class);

    /** Room for everything: for a proxy without the check (tests, names-behind off). */
    public static final ShadowRoom UNLIMITED = new ShadowRoom();

    private final Supplier<FsstatResult> fsstat;
    private final Executor background;
    private final Clock clock;
    private final long intervalMillis;
    private final long minBytes;
    private final long minFiles;
    private final boolean unlimited;

    private boolean checked;                  // guarded by this: an FSSTAT was asked for at checkedAt
    private long checkedAt;                   // guarded by this
    private boolean refreshing;               // guarded by this
    private long availBytes;                  // guarded by this
    private long availFiles;                  // guarded by this; less the files created since the check
    private boolean known;                    // guarded by this
    private boolean warned;                   // guarded by this

    private ShadowRoom() {
        this.fsstat = null;
        this.background = null;
        this.clock = null;
        this.intervalMillis = 0;
        this.minBytes = 0;
        this.minFiles = 0;
        this.unlimited = true;
    }

    /**
     * @param fsstat     the shadow's FSSTAT (a blocking call; runs on {@code background})
     * @param interval   how old an answer may be before another is asked for
     * @param minBytes   bytes the shadow must have available
     * @param minFiles   files (inodes) the shadow must have available
     */
    public ShadowRoom(Supplier<FsstatResult> fsstat, Executor background, Clock clock, Duration interval,
                      long minBytes, long minFiles) {
        this.fsstat = fsstat;
        this.background = background;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
        this.minBytes = minBytes;
        this.minFiles = minFiles;
        this.unlimited = false;
    }

    /** Whether a file may be created behind the reply now; asks for a fresh FSSTAT when the last is old. */
    public boolean enough() {
        if (unlimited) {
            return true;
        }
        boolean refresh;
        boolean room;
        synchronized (this) {
            refresh = !refreshing && (!checked || clock.millis() - checkedAt >= intervalMillis);
            refreshing |= refresh;
            room = known && availBytes >= minBytes && availFiles >= minFiles;
        }
        if (refresh) {
            try {
                background.execute(this::refresh);
            } catch (RejectedExecutionException closing) {
                synchronized (this) {
                    refreshing = false;
                }
            }
        }
        return room;
    }

    /** A file was created behind the reply: one inode fewer until the next FSSTAT says otherwise. */
    public synchronized void used() {
        availFiles--;
    }

    /** Asks the shadow now (blocking); {@link #enough} then answers from it. */
    public void refresh() {
        if (unlimited) {
            return;
        }
        long now = clock.millis();
        FsstatResult r = null;
        RuntimeException failure = null;
        try {
            r = fsstat.get();
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean low;
        synchronized (this) {
            refreshing = false;
            checked = true;
            checkedAt = now;
            known = failure == null && r.status().isOk();
            availBytes = known ? r.availBytes() : 0;
            // a file system without an inode table (btrfs) reports no files at all: no limit there
            availFiles = !known ? 0 : r.totalFiles() == 0 ? Long.MAX_VALUE / 2 : r.availFiles();
            low = !known || availBytes < minBytes || availFiles < minFiles;
            r = known ? r : null;
            if (low == warned) {
                return;
            }
            warned = low;
        }
        if (low) {
            LOG.warn("the shadow has little room left ({}): CREATE now waits for the shadow, so a refusal reaches the client",
                    failure != null ? "FSSTAT failed: " + failure.getMessage()
                            : r == null ? "FSSTAT failed"
                            : r.availBytes() + " bytes and " + r.availFiles() + " files available");
        } else {
            LOG.info("the shadow has room again: files are created behind the reply");
        }
    }
}
