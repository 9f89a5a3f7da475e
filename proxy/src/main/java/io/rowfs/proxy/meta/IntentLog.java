package io.rowfs.proxy.meta;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Namespace changes in progress ({@link Intent}s), persisted in {@code intents.cm3} in the state
 * directory (a Chronicle map from a sequence number to the encoded intent, opened with the
 * {@link ChronicleFiles} convention). {@link #begin} returns once the intent would survive
 * {@code kill -9}; {@link #done} forgets it. At start, {@link #pending} lists what a crash left
 * unfinished, oldest first. Thread-safe.
 */
public final class IntentLog implements AutoCloseable {
    private static final String MAP_NAME = "intents";
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
        long seq = next.getAndIncrement();
        map.put(seq, intent.encode());
        return seq;
    }

    public void done(long seq) {
        map.remove(seq);
    }

    /** What is recorded and not done, oldest first. */
    public Map<Long, Intent> pending() {
        Map<Long, Intent> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, Intent.decode(v)));
        return out;
    }

    @Override
    public void close() {
        ChronicleFiles.closeCleanly(map, stateDir, MAP_NAME);
    }
}
