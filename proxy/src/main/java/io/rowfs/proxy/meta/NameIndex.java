package io.rowfs.proxy.meta;

import io.rowfs.protocol.nfs3.Filename;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The merged namespace's names: (parent id, name) to {@link NameEntry}, persisted in a Chronicle Map
 * file ({@code names.cm3} in the state directory) and mirrored in memory per parent so that a
 * directory's entries can be enumerated (Chronicle Map has no ordered scan). Every name the proxy
 * has handed out a virtual id for is here: main names met by LOOKUP or READDIR (so that a name keeps
 * its id), names created in the shadow, rename targets (redirects: the name leads to the renamed
 * object, wherever it lives) and whiteouts (REMOVE, RMDIR or the source of a RENAME of a name that
 * main still has).
 *
 * <pre>
 *  key:   +----------------------+---------------------------+
 *         | parent id (u64, BE)  | name bytes (0..255)       |
 *         +----------------------+---------------------------+
 *  value: +----------+-----------------------------------------+
 *         | kind (u8)| child id (u64, BE; 0 for a whiteout)     |
 *         +----------+-----------------------------------------+
 *         kind 1 = child, 2 = whiteout
 * </pre>
 *
 * Every put reaches the memory-mapped file before it returns, so it survives {@code kill -9}; the
 * whole map is read into memory at open. Thread-safe; callers serialise the read-modify-write of
 * one directory themselves (the namespace lock).
 */
public final class NameIndex implements AutoCloseable {
    static final byte KIND_CHILD = 1;
    static final byte KIND_WHITEOUT = 2;
    private static final String MAP_NAME = "names";

    private final ChronicleMap<byte[], byte[]> map;
    private final Path stateDir;
    private final Map<Long, Map<Filename, NameEntry>> byParent = new ConcurrentHashMap<>();

    private NameIndex(ChronicleMap<byte[], byte[]> map, Path stateDir) {
        this.map = map;
        this.stateDir = stateDir;
    }

    public static NameIndex open(Path stateDir, long maxEntries) throws IOException {
        Files.createDirectories(stateDir);
        var builder = ChronicleFiles.sizedFor(ChronicleMap.of(byte[].class, byte[].class)
                .name("rowfs-names")
                .averageKeySize(8 + 24)
                .averageValueSize(9), maxEntries);
        ChronicleMap<byte[], byte[]> map = ChronicleFiles.open(stateDir, MAP_NAME, builder);
        NameIndex index = new NameIndex(map, stateDir);
        map.forEach((k, v) -> index.remember(parentOf(k), nameOf(k), decodeValue(v)));
        return index;
    }

    public Optional<NameEntry> get(long parentId, Filename name) {
        Map<Filename, NameEntry> names = byParent.get(parentId);
        return names == null ? Optional.empty() : Optional.ofNullable(names.get(name));
    }

    public void put(long parentId, Filename name, NameEntry entry) {
        map.put(key(parentId, name), encodeValue(entry));
        remember(parentId, name, entry);
    }

    public void remove(long parentId, Filename name) {
        map.remove(key(parentId, name));
        Map<Filename, NameEntry> names = byParent.get(parentId);
        if (names != null) {
            names.remove(name);
        }
    }

    /** A snapshot of every entry (children and whiteouts) under {@code parentId}. */
    public Map<Filename, NameEntry> entries(long parentId) {
        Map<Filename, NameEntry> names = byParent.get(parentId);
        return names == null ? Map.of() : Map.copyOf(names);
    }

    public long size() {
        return map.longSize();
    }

    private void remember(long parentId, Filename name, NameEntry entry) {
        byParent.computeIfAbsent(parentId, p -> new ConcurrentHashMap<>()).put(name, entry);
    }

    static byte[] key(long parentId, Filename name) {
        return ByteBuffer.allocate(8 + name.length()).putLong(parentId).put(name.bytes()).array();
    }

    static long parentOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    static Filename nameOf(byte[] key) {
        return Filename.of(java.util.Arrays.copyOfRange(key, 8, key.length));
    }

    static byte[] encodeValue(NameEntry e) {
        return ByteBuffer.allocate(9).put(e.isWhiteout() ? KIND_WHITEOUT : KIND_CHILD).putLong(e.childId()).array();
    }

    static NameEntry decodeValue(byte[] v) {
        if (v.length != 9 || (v[0] != KIND_CHILD && v[0] != KIND_WHITEOUT)) {
            throw new IllegalStateException("name index value of " + v.length + " bytes, kind "
                    + (v.length == 0 ? "none" : v[0]) + "; expected 9 bytes, kind 1 or 2");
        }
        return v[0] == KIND_WHITEOUT ? NameEntry.WHITEOUT : NameEntry.child(ByteBuffer.wrap(v, 1, 8).getLong());
    }

    @Override
    public void close() {
        ChronicleFiles.closeCleanly(map, stateDir, MAP_NAME);
    }
}
