package io.rowfs.proxy.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.map.ChronicleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Namespace changes in progress ({@link Intent}s), persisted in {@code intents.cm3} in the state
 * directory (a Chronicle map from a sequence number to the encoded intent, opened with the
 * {@link ChronicleFiles} convention). {@link #begin} returns once the intent would survive
 * {@code kill -9}; {@link #done} forgets it. At start, {@link #pending} lists what a crash left
 * unfinished, oldest first. An entry that cannot be decoded or carried out (a damaged state
 * directory) is set aside, not fatal: its bytes are moved to
 * {@code intents-unreadable/intent-<seq>.bin} in the state directory and an error is logged, so the
 * proxy starts and the evidence stays. Thread-safe.
 */
public final class IntentLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntentLog.class);
    private static final String MAP_NAME = "intents";
    static final String UNREADABLE_DIR = "intents-unreadable";
    private static final int MAX_IN_FLIGHT = 16_384; // at least --names-behind plus the synchronous changes in flight

    private final ChronicleMap<Long, byte[]> map;
    private final Path stateDir;
    private final AtomicLong next;

    private IntentLog(ChronicleMap<Long, byte[]> map, Path stateDir, long next) {
        this.map = map;
        this.stateDir = stateDir;
        this.next = new AtomicLong(next);
    }

    public static IntentLog open(Path stateDir) throws IOException {
        var builder = ChronicleMap.of(Long.class, byte[].class).name("rowfs-intents")
                .entries(MAX_IN_FLIGHT).averageValueSize(64);
        ChronicleMap<Long, byte[]> map = ChronicleFiles.open(stateDir, MAP_NAME, builder);
        long max = 0;
        for (Long k : map.keySet()) {
            max = Math.max(max, k);
        }
        return new IntentLog(map, stateDir, max + 1);
    }

    /** Records {@code intent}; returns its sequence number for {@link #done}. */
    public long begin(Intent intent) {
        return record(intent.encode());
    }

    /** Records an encoded intent (tests record damaged ones through it). */
    long record(byte[] encoded) {
        long seq = next.getAndIncrement();
        map.put(seq, encoded);
        return seq;
    }

    public void done(long seq) {
        map.remove(seq);
    }

    /** What is recorded and not done, oldest first; entries that do not decode are set aside. */
    public Map<Long, Intent> pending() {
        Map<Long, Intent> out = new TreeMap<>();
        Map<Long, String> unreadable = new TreeMap<>();
        map.forEach((k, v) -> {
            try {
                out.put(k, Intent.decode(v));
            } catch (IllegalArgumentException e) {
                unreadable.put(k, e.getMessage());
            }
        });
        unreadable.forEach(this::setAside);
        return out;
    }

    /**
     * Moves intent {@code seq} out of the log into {@code intents-unreadable/} with an error saying
     * {@code why}: the change it describes is left as the crash left it.
     */
    public void setAside(long seq, String why) {
        byte[] bytes = map.get(seq);
        if (bytes == null) {
            return;
        }
        Path kept = stateDir.resolve(UNREADABLE_DIR).resolve("intent-" + seq + ".bin");
        try {
            Files.createDirectories(kept.getParent());
            Files.write(kept, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("setting aside intent " + seq + " at " + kept, e);
        }
        map.remove(seq);
        LOG.error("intent {} in the state directory is damaged ({}); its change, if any, is left as the crash left it."
                + " Its bytes are kept at {}", seq, why, kept);
    }

    @Override
    public void close() {
        ChronicleFiles.closeCleanly(map, stateDir, MAP_NAME);
    }
}
