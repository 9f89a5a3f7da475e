package io.rowfs.proxy.meta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * {@link ObjectTable} persisted in a Chronicle Map file ({@code objects.cm3} in the state
 * directory). The map is memory-mapped, so every completed put survives {@code kill -9} of the
 * proxy. A marker file ({@code objects.clean}) exists only while the table is closed cleanly; if it is
 * missing at open, the previous run died and the map is opened with Chronicle's recovery.
 *
 * <p>Id allocation: key {@link #NEXT_ID_KEY} holds a high-water mark, advanced {@link #ID_BLOCK} ids
 * at a time; after a crash allocation resumes past the mark, so ids are never handed out twice.
 */
public final class ChronicleObjectTable implements ObjectTable {
    static final long NEXT_ID_KEY = 0;
    static final long ID_BLOCK = 1024;
    private static final String MAP_NAME = "objects";

    private final ChronicleMap<Long, byte[]> map;
    private final Path stateDir;
    private final Object idLock = new Object();
    private final AtomicLong nextId;
    private long reservedUpTo; // guarded by idLock

    private ChronicleObjectTable(ChronicleMap<Long, byte[]> map, Path stateDir, long start) {
        this.map = map;
        this.stateDir = stateDir;
        this.nextId = new AtomicLong(start);
        this.reservedUpTo = start;
    }

    /**
     * Opens (or creates) the table in {@code stateDir}, sized for {@code maxEntries} objects.
     * Recovers the map when the previous run did not close it.
     */
    public static ChronicleObjectTable open(Path stateDir, long maxEntries) throws IOException {
        Files.createDirectories(stateDir);
        var builder = ChronicleFiles.sizedFor(ChronicleMap.of(Long.class, byte[].class)
                .name("rowfs-objects")
                .averageValueSize(140), maxEntries);
        ChronicleMap<Long, byte[]> map = ChronicleFiles.open(stateDir, MAP_NAME, builder);
        byte[] mark = map.get(NEXT_ID_KEY);
        long start = mark == null ? ROOT_ID + 1 : java.nio.ByteBuffer.wrap(mark).getLong();
        return new ChronicleObjectTable(map, stateDir, start);
    }

    @Override
    public long insert(ObjectRecord record) {
        long id = allocate();
        map.put(id, ObjectRecordCodec.encode(record));
        return id;
    }

    /** Stores the root record under {@link #ROOT_ID} (the root's id is fixed, not allocated). */
    public void putRoot(ObjectRecord root) {
        put(ROOT_ID, root);
    }

    @Override
    public Optional<ObjectRecord> get(long id) {
        if (id == NEXT_ID_KEY) {
            return Optional.empty();
        }
        byte[] bytes = map.get(id);
        return bytes == null ? Optional.empty() : Optional.of(ObjectRecordCodec.decode(bytes));
    }

    @Override
    public void put(long id, ObjectRecord record) {
        if (id == NEXT_ID_KEY) {
            throw new IllegalArgumentException("id 0 is reserved");
        }
        map.put(id, ObjectRecordCodec.encode(record));
    }

    @Override
    public void update(long id, UnaryOperator<ObjectRecord> change) {
        if (id == NEXT_ID_KEY) {
            throw new IllegalArgumentException("id 0 is reserved");
        }
        map.computeIfPresent(id, (k, bytes) -> ObjectRecordCodec.encode(change.apply(ObjectRecordCodec.decode(bytes))));
    }

    @Override
    public void remove(long id) {
        if (id != NEXT_ID_KEY) {
            map.remove(id);
        }
    }

    @Override
    public long size() {
        return map.longSize() - (map.containsKey(NEXT_ID_KEY) ? 1 : 0);
    }

    private long allocate() {
        long id = nextId.getAndIncrement();
        synchronized (idLock) {
            if (id >= reservedUpTo) {
                reservedUpTo = Math.max(reservedUpTo, id + ID_BLOCK);
                map.put(NEXT_ID_KEY, java.nio.ByteBuffer.allocate(8).putLong(reservedUpTo).array());
            }
        }
        return id;
    }

    @Override
    public void close() {
        synchronized (idLock) {
            map.put(NEXT_ID_KEY, java.nio.ByteBuffer.allocate(8).putLong(nextId.get()).array());
        }
        ChronicleFiles.closeCleanly(map, stateDir, MAP_NAME);
    }
}
