package io.rowfs.proxy.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * The proxy's convention for its persistent Chronicle maps in the state directory: map
 * {@code NAME} lives in {@code NAME.cm3}, and {@code NAME.clean} exists only while the map is
 * closed cleanly. Opening a map whose file exists without the marker means the last run died
 * ({@code kill -9}, power loss), so the map is opened with Chronicle's recovery; the marker is removed
 * while the map is open and written back by {@link #closeCleanly}.
 */
public final class ChronicleFiles {
    private static final long GROWTH = 8;
    private static final long MIN_INITIAL_ENTRIES = 4096;

    private ChronicleFiles() {
    }

    public static <K, V> ChronicleMap<K, V> open(Path stateDir, String name, ChronicleMapBuilder<K, V> builder)
            throws IOException {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(name + ".cm3");
        Path marker = cleanMarker(stateDir, name);
        boolean crashed = Files.exists(file) && !Files.exists(marker);
        ChronicleMap<K, V> map = crashed
                ? builder.recoverPersistedTo(file.toFile(), true)
                : builder.createPersistedTo(file.toFile());
        Files.deleteIfExists(marker);
        return map;
    }

    /**
     * Sizes a map for up to {@code maxEntries}: Chronicle writes out the whole table it is sized for
     * when it creates the file (hundreds of MB and seconds for a million entries, all of it resident),
     * so the table starts at an eighth of the maximum and grows by extra tiers, on demand, up to it.
     */
    public static <K, V> ChronicleMapBuilder<K, V> sizedFor(ChronicleMapBuilder<K, V> builder, long maxEntries) {
        long initial = Math.max(MIN_INITIAL_ENTRIES, maxEntries / GROWTH);
        return builder.entries(initial).maxBloatFactor(Math.max(1.0, (double) maxEntries / initial));
    }

    /** Closes {@code map} and marks it clean, so the next open needs no recovery. */
    public static void closeCleanly(ChronicleMap<?, ?> map, Path stateDir, String name) {
        map.close();
        Path marker = cleanMarker(stateDir, name);
        try {
            Files.writeString(marker, "closed cleanly\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + marker, e);
        }
    }

    private static Path cleanMarker(Path stateDir, String name) {
        return stateDir.resolve(name + ".clean");
    }
}
