package io.rowfs.boot.dhcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease file: an append-only text log, one event per line. Lines are appended by the DHCP
 * worker; {@link #sync()} ({@code fdatasync}) makes them durable, and the server sends an ACK only
 * after a sync that began after its line was written (group commit, see {@code DhcpServer}).
 *
 * <pre>
 *  # rowfs boot leases v1                         header line
 *  bind    52:54:00:12:34:56 10.0.0.100 1767225600   lease bound (ACK); expiry in epoch seconds
 *  free    52:54:00:12:34:56 10.0.0.100              lease released
 *  decline 10.0.0.101 1767222000                     address quarantined until epoch seconds
 * </pre>
 *
 * On start the log is replayed in order into the {@link LeasePool} (later lines win; expired
 * leases and quarantines are dropped; unreadable lines are skipped with a warning), then rewritten
 * compacted to a temporary file, fsynced, and renamed over the old one (atomic on POSIX), so a
 * crash at any point leaves either the old or the new file.
 */
public final class LeaseFile implements LeaseLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseFile.class);
    static final String HEADER = "# rowfs boot leases v1";

    private final Path path;
    private FileChannel out;
    /** Lines appended since {@link #takeDirty()} last ran; owned by the DHCP worker thread. */
    private boolean dirty;

    private LeaseFile(Path path) {
        this.path = path;
    }

    /** Replays {@code path} into {@code pool}, compacts it, and opens it for appending. */
    public static LeaseFile open(Path path, LeasePool pool) throws IOException {
        LeaseFile file = new LeaseFile(path);
        int n = 0;
        if (Files.exists(path)) {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    try {
                        replay(line.trim().split("\\s+"), pool);
                        n++;
                    } catch (RuntimeException e) {
                        LOG.warn("dhcp: skipped lease file line '{}': {}", line, e.getMessage());
                    }
                }
            }
        }
        file.compact(pool);
        LOG.info("dhcp: lease file {}: {} events replayed", path, n);
        return file;
    }

    private static void replay(String[] f, LeasePool pool) {
        switch (f[0]) {
            case "bind" -> pool.restore(new Lease(Mac.parse(f[1]), Ip4.parse(f[2]),
                    Instant.ofEpochSecond(Long.parseLong(f[3])), true));
            case "free" -> pool.restoreFree(Mac.parse(f[1]), Ip4.parse(f[2]));
            case "decline" -> pool.restoreQuarantine(Ip4.parse(f[1]), Instant.ofEpochSecond(Long.parseLong(f[2])));
            default -> throw new IllegalArgumentException("unknown event " + f[0]);
        }
    }

    private void compact(LeasePool pool) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Lease l : pool.boundLeases()) {
            b.append(bindLine(l));
        }
        for (Map.Entry<Long, Instant> q : pool.quarantined().entrySet()) {
            b.append(declineLine(q.getKey(), q.getValue()));
        }
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(parent, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("dhcp: cannot fsync directory {}: {}", parent, e.toString());
        }
        out = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    static String bindLine(Lease l) {
        return "bind " + l.mac() + " " + Ip4.toString(l.ip()) + " " + l.expires().getEpochSecond() + "\n";
    }

    static String declineLine(long ip, Instant until) {
        return "decline " + Ip4.toString(ip) + " " + until.getEpochSecond() + "\n";
    }

    @Override
    public void bound(Lease lease) throws IOException {
        append(bindLine(lease));
    }

    @Override
    public void freed(String mac, long ip) throws IOException {
        append("free " + mac + " " + Ip4.toString(ip) + "\n");
    }

    @Override
    public void declined(long ip, Instant until) throws IOException {
        append(declineLine(ip, until));
    }

    private void append(String line) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        dirty = true;
    }

    /** Whether lines were appended since the last call (worker thread only). */
    boolean takeDirty() {
        boolean d = dirty;
        dirty = false;
        return d;
    }

    /** Makes every line appended before this call durable; safe to call from another thread. */
    void sync() throws IOException {
        out.force(false);
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.force(false);
            out.close();
        }
    }
}
