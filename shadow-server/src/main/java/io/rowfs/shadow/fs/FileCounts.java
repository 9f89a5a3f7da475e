package io.rowfs.shadow.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file (inode) counts of the file system holding the export, for FSSTAT: the JDK does not
 * expose statvfs, so they come from coreutils' {@code stat -f -c '%c %d'} (total and free file
 * nodes), asked at most once per {@link #MAX_AGE_MILLIS} and remembered meanwhile. A proxy in
 * front of this server reads them to stop answering CREATE before the shadow makes it when the
 * shadow is nearly out of inodes. Null when they cannot be had (then FSSTAT reports a large
 * constant). Thread-safe.
 */
final class FileCounts {
    private static final Logger LOG = LoggerFactory.getLogger(FileCounts.class);
    static final long MAX_AGE_MILLIS = 500;

    private final Path root;
    private final Clock clock;
    private long[] last;      // guarded by this: {total, free}, or null
    private long askedAt;     // guarded by this
    private boolean asked;    // guarded by this
    private boolean warned;   // guarded by this

    FileCounts(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** {total, free} file nodes, or null when unknown. */
    synchronized long[] get() {
        long now = clock.millis();
        if (!asked || now - askedAt >= MAX_AGE_MILLIS) {
            asked = true;
            askedAt = now;
            last = ask();
        }
        return last == null ? null : last.clone();
    }

    private long[] ask() {
        try {
            Process p = new ProcessBuilder("stat", "-f", "-c", "%c %d", root.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("stat -f: " + out);
            }
            String[] parts = out.split("\\s+");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("cannot read the file counts of {} ({}); FSSTAT reports a large constant", root, e.getMessage());
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
