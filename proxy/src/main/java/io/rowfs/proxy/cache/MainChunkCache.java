package io.rowfs.proxy.cache;

import io.rowfs.protocol.xdr.FileSlice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.map.ChronicleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, persistent cache of main-server file data in fixed-size chunks.
 *
 * <p>On disk, in the cache directory:
 * <pre>
 *  chunks.data   capacity/chunkSize slots of chunkSize bytes; slot s starts at s*chunkSize
 *  index.cm3     Chronicle Map: ChunkKey (24 B) -> entry (u64) = slot (upper 40 bits) | length (lower 24 bits)
 *  geometry      "chunkSize slots\n": a cache made with other geometry is discarded, not misread
 * </pre>
 * A chunk is written to its slot before its index entry is published, and an index entry is removed
 * before its slot is reused. The cache is only a copy of main, so after an unclean stop (no
 * {@code clean} marker) it is simply emptied rather than recovered.
 *
 * <p>Thread-safety: the slot table and CLOCK hand are guarded by {@code this}; data I/O happens
 * outside the lock. A writer pins its slot until the data is written, so no other writer can claim
 * it meanwhile; a chunk is published with putIfAbsent, so one key never names two slots. A reader
 * records the slot's generation before reading and re-checks it after: if the slot was evicted and
 * reused meanwhile the read counts as a miss. A span handed out by {@link #pinSpan} pins its slots
 * against reuse until it is released.
 */
public final class MainChunkCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MainChunkCache.class);
    private static final long EMPTY = -1;

    private final int chunkSize;
    private final FileChannel data;
    private final ChronicleMap<byte[], Long> index;
    private final byte[][] slotKeys;      // guarded by this
    private final boolean[] referenced;   // guarded by this
    private final long[] generation;      // guarded by this
    private final long[] entries;         // guarded by this; the index value published for each slot
    private final boolean[] pinned;       // guarded by this; claimed, data being written, not yet published
    private final int[] readPins;         // guarded by this; spans handed out and not yet released
    private int used;                     // guarded by this; slots [0, used) have been handed out
    private int hand;                     // guarded by this
    /**
     * The index in the heap: lookups (several per client READ) never touch Chronicle Map, whose
     * segment locks spin while a writer holds them. Changed only under {@code this}, together with
     * {@link #index}, which is what survives a restart.
     */
    private final Map<Key, Long> live = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();

    private final Path cleanMarker;

    private MainChunkCache(int chunkSize, int slots, FileChannel data, ChronicleMap<byte[], Long> index,
                           Path cleanMarker) {
        this.cleanMarker = cleanMarker;
        this.chunkSize = chunkSize;
        this.data = data;
        this.index = index;
        this.slotKeys = new byte[slots][];
        this.referenced = new boolean[slots];
        this.generation = new long[slots];
        this.entries = new long[slots];
        this.pinned = new boolean[slots];
        this.readPins = new int[slots];
    }

    /** Opens or creates a cache of about {@code capacityBytes} in {@code dir}. */
    public static MainChunkCache open(Path dir, long capacityBytes, int chunkSize) throws IOException {
        if (chunkSize < 4096 || Integer.bitCount(chunkSize) != 1 || chunkSize > (1 << 22)) {
            throw new IllegalArgumentException("chunk size must be a power of two in [4 KiB, 4 MiB], got " + chunkSize);
        }
        long slotCount = capacityBytes / chunkSize;
        if (slotCount < 1 || slotCount > (1L << 30)) {
            throw new IllegalArgumentException("cache capacity " + capacityBytes + " gives " + slotCount + " slots");
        }
        int slots = (int) slotCount;
        Files.createDirectories(dir);
        Path geometry = dir.resolve("geometry");
        String wanted = chunkSize + " " + slots + "\n";
        Path clean = dir.resolve("clean");
        boolean reusable = Files.exists(clean) && Files.exists(geometry) && Files.readString(geometry).equals(wanted);
        Files.deleteIfExists(clean);
        if (!reusable) {
            Files.deleteIfExists(dir.resolve("index.cm3"));
            Files.deleteIfExists(dir.resolve("chunks.data"));
            Files.writeString(geometry, wanted);
        }
        ChronicleMap<byte[], Long> index = ChronicleMap.of(byte[].class, Long.class)
                .name("rowfs-main-cache")
                .averageKeySize(ChunkKey.LENGTH)
                .entries(slots)
                .createPersistedTo(dir.resolve("index.cm3").toFile());
        FileChannel data = FileChannel.open(dir.resolve("chunks.data"),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        String shortfall = spaceShortfall((long) slots * chunkSize, Files.getFileStore(dir).getUsableSpace(), data.size());
        if (shortfall != null) {
            LOG.warn("main-data cache in {}: {}", dir, shortfall);
        }
        MainChunkCache cache = new MainChunkCache(chunkSize, slots, data, index, clean);
        cache.reloadSlots();
        return cache;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Why a cache of {@code capacity} bytes cannot fill up, when its file system has {@code usable}
     * bytes free and its data file already takes {@code held}; null when it can.
     */
    static String spaceShortfall(long capacity, long usable, long held) {
        if (usable + held >= capacity) {
            return null;
        }
        return String.format("its file system has %d MiB free, the cache may grow to %d MiB (%d MiB so far):"
                + " once the disk is full, chunks are no longer cached and are read from main again (lower --cache-size)",
                usable >> 20, capacity >> 20, held >> 20);
    }

    /**
     * Copies the cached chunk {@code chunk} of the main file {@code mainHandle} into {@code dst}.
     *
     * @return the chunk's length (a chunk at the end of a file may be short), or -1 on a miss
     */
    public int read(byte[] mainHandle, long chunk, ByteBuffer dst) {
        return read(mainHandle, chunk, 0, dst);
    }

    /**
     * Copies bytes of the cached chunk from {@code from} on into {@code dst} (as many as both the
     * chunk and {@code dst} hold). With a direct {@code dst} the bytes go from the page cache
     * straight into it: no intermediate copy.
     *
     * @return the chunk's whole length, or -1 on a miss
     */
    public int read(byte[] mainHandle, long chunk, int from, ByteBuffer dst) {
        byte[] key = ChunkKey.of(mainHandle, chunk);
        Long entry = live.get(new Key(key));
        if (entry == null) {
            misses.incrementAndGet();
            return -1;
        }
        int slot = (int) (entry >>> 24);
        int length = (int) (entry & 0xFFFFFF);
        long gen;
        synchronized (this) {
            if (slot >= slotKeys.length || !Arrays.equals(slotKeys[slot], key)) {
                misses.incrementAndGet();
                return -1;
            }
            referenced[slot] = true;
            gen = generation[slot];
        }
        ByteBuffer target = dst.slice().limit(Math.max(0, Math.min(length - from, dst.remaining())));
        readFully(target, (long) slot * chunkSize + from);
        synchronized (this) {
            if (generation[slot] != gen) {
                misses.incrementAndGet();
                return -1;
            }
        }
        dst.position(dst.position() + target.limit());
        hits.incrementAndGet();
        return length;
    }

    /**
     * The bytes {@code [from, from+length)} counted from the start of chunk {@code firstChunk}, across
     * consecutive chunks, as a slice of the data file (one range per run of consecutive slots), when
     * all of them are cached, full but perhaps the last; else null. The slots are pinned until the
     * slice is released: none is evicted or rewritten meanwhile, so the slice can be sent from the
     * file later (sendfile) and still hold these bytes.
     */
    public FileSlice pinSpan(byte[] mainHandle, long firstChunk, int from, int length) {
        int n = (int) (((long) from + length + chunkSize - 1) / chunkSize);
        byte[][] keys = new byte[n][];
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ChunkKey.of(mainHandle, firstChunk + i);
            Long entry = live.get(new Key(keys[i]));
            if (entry == null) {
                return null;
            }
            slots[i] = (int) (entry >>> 24);
            int chunkLength = (int) (entry & 0xFFFFFF);
            int needed = i < n - 1 ? chunkSize : from + length - (n - 1) * chunkSize;
            if (chunkLength < needed) {
                return null;
            }
        }
        synchronized (this) {
            for (int i = 0; i < n; i++) {
                if (slots[i] >= slotKeys.length || !Arrays.equals(slotKeys[slots[i]], keys[i])) {
                    return null; // evicted since the lookup
                }
            }
            for (int slot : slots) {
                readPins[slot]++;
                referenced[slot] = true;
            }
        }
        hits.addAndGet(n);
        return fileRanges(slots, from, length);
    }

    /** The bytes of the pinned {@code slots} as one range per run of consecutive slots. */
    private FileSlice fileRanges(int[] slots, int from, int length) {
        long[] positions = new long[slots.length];
        int[] lengths = new int[slots.length];
        int ranges = 0;
        int left = length;
        for (int i = 0; i < slots.length; i++) {
            int start = i == 0 ? from : 0;
            int take = Math.min(chunkSize - start, left);
            long position = (long) slots[i] * chunkSize + start;
            if (ranges > 0 && positions[ranges - 1] + lengths[ranges - 1] == position) {
                lengths[ranges - 1] += take;
            } else {
                positions[ranges] = position;
                lengths[ranges] = take;
                ranges++;
            }
            left -= take;
        }
        return FileSlice.of(data, Arrays.copyOf(positions, ranges), Arrays.copyOf(lengths, ranges), () -> unpin(slots));
    }

    private synchronized void unpin(int[] slots) {
        for (int slot : slots) {
            readPins[slot]--;
        }
    }

    /** Slots pinned by unreleased spans (for tests). */
    synchronized int pinnedSlots() {
        int pinnedCount = 0;
        for (int p : readPins) {
            pinnedCount += p > 0 ? 1 : 0;
        }
        return pinnedCount;
    }

    /** Whether the chunk is cached (an index lookup only; no data is read). */
    public boolean contains(byte[] mainHandle, long chunk) {
        return live.containsKey(new Key(ChunkKey.of(mainHandle, chunk)));
    }

    /** Stores a chunk read from main ({@code data}'s remaining bytes, at most one chunk). */
    public void store(byte[] mainHandle, long chunk, ByteBuffer data) {
        store(mainHandle, chunk, new ByteBuffer[] {data});
    }

    /**
     * Stores a chunk given as consecutive buffers (e.g. the NIO views of a composite reply buffer,
     * written with one gather write: no copy), at most one chunk in all.
     */
    public void store(byte[] mainHandle, long chunk, ByteBuffer[] data) {
        long total = 0;
        for (ByteBuffer b : data) {
            total += b.remaining();
        }
        if (total > chunkSize || total == 0) {
            throw new IllegalArgumentException("chunk of " + total + " bytes, chunk size is " + chunkSize);
        }
        int length = (int) total;
        byte[] key = ChunkKey.of(mainHandle, chunk);
        if (live.containsKey(new Key(key))) {
            return;
        }
        int slot;
        synchronized (this) {
            slot = claimSlot();
            if (slot < 0) {
                return; // every slot is being written right now: skip caching this chunk
            }
            pinned[slot] = true;
        }
        try {
            ByteBuffer[] views = new ByteBuffer[data.length];
            for (int i = 0; i < data.length; i++) {
                views[i] = data[i].duplicate();
            }
            writeFully(views, length, (long) slot * chunkSize);
        } catch (RuntimeException e) {
            synchronized (this) {
                pinned[slot] = false;
            }
            throw e;
        }
        synchronized (this) { // unpin and publish atomically: no writer may claim the slot in between
            pinned[slot] = false;
            long entry = ((long) slot << 24) | length;
            if (live.putIfAbsent(new Key(key), entry) == null) {
                index.put(key, entry);
                slotKeys[slot] = key;
                entries[slot] = entry;
                referenced[slot] = true;
            } // else another thread cached the same chunk first; this slot stays free
        }
    }

    /**
     * Picks a free slot or evicts one with CLOCK, skipping pinned slots (their data is being
     * written, or a span of them is being sent); the returned slot is unindexed and its generation
     * bumped, so readers that looked it up before treat their read as a miss. Returns -1 when every slot is pinned. Caller holds the lock.
     */
    private int claimSlot() {
        if (used < slotKeys.length) {
            generation[used]++;
            return used++;
        }
        for (int tries = 0; tries < 2 * slotKeys.length; tries++) {
            int s = hand;
            hand = (hand + 1) % slotKeys.length;
            if (pinned[s] || readPins[s] > 0) {
                continue;
            }
            if (referenced[s]) {
                referenced[s] = false;
                continue;
            }
            if (slotKeys[s] != null) {
                live.remove(new Key(slotKeys[s]), entries[s]);
                index.remove(slotKeys[s], entries[s]); // only if the index still names this slot
                slotKeys[s] = null;
                evictions.incrementAndGet();
            }
            generation[s]++;
            return s;
        }
        return -1;
    }

    private void reloadSlots() {
        int maxSlot = -1;
        for (var e : index.entrySet()) {
            int slot = (int) (e.getValue() >>> 24);
            if (slot < slotKeys.length && slotKeys[slot] == null) {
                slotKeys[slot] = e.getKey();
                live.put(new Key(e.getKey()), e.getValue());
                entries[slot] = e.getValue();
                maxSlot = Math.max(maxSlot, slot);
            } else {
                index.remove(e.getKey());
            }
        }
        used = maxSlot + 1;
    }

    /** Chunks cached now. */
    public int usedChunks() {
        return live.size();
    }

    /** Chunks the cache can hold. */
    public int capacityChunks() {
        return slotKeys.length;
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public long evictions() {
        return evictions.get();
    }

    private void readFully(ByteBuffer dst, long position) {
        try {
            long pos = position;
            while (dst.hasRemaining()) {
                int n = data.read(dst, pos);
                if (n < 0) {
                    throw new IOException("cache data file ends at " + pos);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the main-data cache", e);
        }
    }

    private void writeFully(ByteBuffer[] src, int length, long position) {
        try {
            long pos = position;
            long end = position + length;
            int i = 0;
            while (pos < end) {
                while (!src[i].hasRemaining()) {
                    i++;
                }
                pos += data.write(src[i], pos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the main-data cache", e);
        }
    }

    /** A chunk key compared by content, its hash computed once. */
    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Override
    public void close() {
        index.close();
        try {
            data.close();
            Files.writeString(cleanMarker, "closed cleanly\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
