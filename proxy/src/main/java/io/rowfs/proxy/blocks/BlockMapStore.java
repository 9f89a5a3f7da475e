package io.rowfs.proxy.blocks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.rowfs.proxy.meta.ChronicleFiles;
import net.openhft.chronicle.map.ChronicleMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Durable shadow-block bitmaps, one per virtual object id, in a Chronicle Map file
 * ({@code blocks.cm3} in the state directory). A bitmap whose run-optimised portable serialisation
 * fits {@link #INLINE_LIMIT} bytes is stored inline; a larger one (scattered writes over a big file)
 * is written to {@code blocks/<id>.rbm} by write-to-temporary, fsync and rename, and the map holds a
 * spill record naming it. Map values:
 *
 * <pre>
 *  inline:  +----------+---------------------------------------------+
 *           | 1 (u8)   | RoaringBitmap portable serialisation        |
 *           +----------+---------------------------------------------+
 *  spilled: +----------+---------------------------------------------+
 *           | 2 (u8)   | (nothing: the bitmap is in blocks/<id>.rbm) |
 *           +----------+---------------------------------------------+
 * </pre>
 *
 * A spill file holds the same bytes as an inline value (format byte 1, then the bitmap).
 *
 * A put returns once the value is in the memory-mapped file, so it survives {@code kill -9}; the
 * proxy stores a file's bitmap before it acknowledges a stable WRITE or a COMMIT. Recovery after an
 * unclean stop follows {@link io.rowfs.proxy.meta.ChronicleFiles}.
 * Thread-safe; callers serialise updates of one file.
 */
public final class BlockMapStore implements AutoCloseable {
    static final int FORMAT = 1;
    static final int SPILLED = 2;
    /** Largest bitmap kept inside the map; Chronicle refuses entries far beyond its average size. */
    static final int INLINE_LIMIT = 16 * 1024;
    private static final String SPILL_DIR = "blocks";
    private static final String MAP_NAME = "blocks";

    private final ChronicleMap<Long, byte[]> map;
    private final Path stateDir;
    private final Path spillDir;

    private BlockMapStore(ChronicleMap<Long, byte[]> map, Path stateDir, Path spillDir) {
        this.map = map;
        this.stateDir = stateDir;
        this.spillDir = spillDir;
    }

    public static BlockMapStore open(Path stateDir, long maxFiles) throws IOException {
        Files.createDirectories(stateDir);
        var builder = ChronicleFiles.sizedFor(ChronicleMap.of(Long.class, byte[].class)
                .name("rowfs-blocks")
                .averageValueSize(64), maxFiles);
        ChronicleMap<Long, byte[]> map = ChronicleFiles.open(stateDir, MAP_NAME, builder);
        Path spill = Files.createDirectories(stateDir.resolve(SPILL_DIR));
        return new BlockMapStore(map, stateDir, spill);
    }

    /** The file's shadow blocks; an empty bitmap when the file has none. */
    public RoaringBitmap get(long objectId) {
        byte[] bytes = map.get(objectId);
        if (bytes == null) {
            return new RoaringBitmap();
        }
        if (bytes.length == 1 && bytes[0] == SPILLED) {
            try {
                return decode(Files.readAllBytes(spillFile(objectId)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read spilled bitmap of object " + objectId, e);
            }
        }
        return decode(bytes);
    }

    public void put(long objectId, RoaringBitmap blocks) {
        if (blocks.isEmpty()) {
            remove(objectId);
            return;
        }
        byte[] encoded = encode(blocks);
        if (encoded.length <= INLINE_LIMIT) {
            map.put(objectId, encoded);
            deleteSpill(objectId);
        } else {
            writeSpill(objectId, encoded);
            map.put(objectId, new byte[] {SPILLED});
        }
    }

    public void remove(long objectId) {
        map.remove(objectId);
        deleteSpill(objectId);
    }

    private Path spillFile(long objectId) {
        return spillDir.resolve(Long.toUnsignedString(objectId) + ".rbm");
    }

    private void writeSpill(long objectId, byte[] encoded) {
        Path target = spillFile(objectId);
        Path tmp = spillDir.resolve(target.getFileName() + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(encoded);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spilled bitmap of object " + objectId, e);
        }
    }

    private void deleteSpill(long objectId) {
        try {
            Files.deleteIfExists(spillFile(objectId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete spilled bitmap of object " + objectId, e);
        }
    }

    static byte[] encode(RoaringBitmap blocks) {
        blocks.runOptimize();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 + blocks.serializedSizeInBytes());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            blocks.serialize(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static RoaringBitmap decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            throw new IllegalStateException("block bitmap format " + (bytes.length == 0 ? "empty" : bytes[0])
                    + ", this proxy reads " + FORMAT);
        }
        RoaringBitmap bm = new RoaringBitmap();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            bm.deserialize(in);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt block bitmap", e);
        }
        return bm;
    }

    @Override
    public void close() {
        ChronicleFiles.closeCleanly(map, stateDir, MAP_NAME);
    }
}
