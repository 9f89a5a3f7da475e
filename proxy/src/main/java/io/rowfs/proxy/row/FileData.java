package io.rowfs.proxy.row;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.protocol.nfs3.WccData;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.protocol.xdr.FileSlice;
import io.rowfs.proxy.blocks.BlockMapStore;
import io.rowfs.proxy.blocks.BlockPlanner;
import io.rowfs.proxy.blocks.Run;
import io.rowfs.proxy.blocks.Source;
import io.rowfs.proxy.cache.ByteSourceListener;
import io.rowfs.proxy.cache.MainDataFetcher;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MainMetadata;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.store.Shadow;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.roaringbitmap.RoaringBitmap;

/**
 * File data of the merged file system, block-redirected: READ assembles main runs (through the
 * main-data cache) and shadow runs; WRITE copies the object up, completes partial main blocks from
 * main, writes the shadow file at the same offset and persists the block bitmap and logical size
 * before it returns (so before any reply); truncate marks the cut-off main blocks so old data never
 * reappears. Writes and truncates of one file hold its object lock. Blocking: worker threads only.
 */
public final class FileData {
    private final Handles handles;
    private final MainMetadata main;
    private final ShadowCopies copies;
    private final CopyUp copyUp;
    private final Shadow shadow;
    private final ObjectTable objects;
    private final BlockMapStore blocks;
    private final BlockPlanner planner;
    private final MainDataFetcher fetcher;
    private final WriteVerifier verifier;
    private final ByteSourceListener bytes;
    private volatile WriteBehind writeBehind;

    /** {@code bytes} is told how many bytes each READ took from the shadow. */
    FileData(Handles handles, MainMetadata main, ShadowCopies copies, CopyUp copyUp, Shadow shadow, ObjectTable objects,
             BlockMapStore blocks, BlockPlanner planner, MainDataFetcher fetcher, WriteVerifier verifier,
             ByteSourceListener bytes) {
        this.handles = handles;
        this.main = main;
        this.copies = copies;
        this.copyUp = copyUp;
        this.shadow = shadow;
        this.objects = objects;
        this.bytes = bytes;
        this.blocks = blocks;
        this.planner = planner;
        this.fetcher = fetcher;
        this.verifier = verifier;
    }

    public WriteVerifier verifier() {
        return verifier;
    }

    /** Acknowledge UNSTABLE writes to shadow-only files once queued on {@code queue} (off by default). */
    public void writeBehind(WriteBehind queue) {
        this.writeBehind = queue;
    }

    /** Logical size of a regular file. */
    public long size(Resolved f) {
        ObjectRecord r = f.record();
        if (r.has(ObjectRecord.FLAG_SIZE_OWNED)) {
            return r.logicalSize();
        }
        return r.inShadow() ? copies.attributes(f).size() : main.size(f);
    }

    /**
     * Up to {@code count} bytes at {@code offset}, fewer only at the end of the file, as a buffer
     * the caller releases once (main runs from the main-data cache, shadow runs from the shadow's
     * replies; nothing is copied).
     */
    public ByteBuf read(Resolved f, long offset, int count) {
        long size = size(f);
        long end = Math.min(size, offset + count);
        if (offset >= end) {
            return Unpooled.EMPTY_BUFFER;
        }
        ObjectRecord r = f.record();
        if (!r.inShadow()) {
            return fetcher.read(r.mainHandle(), size, offset, (int) (end - offset));
        }
        drain(f.id());
        long mainSize = main.size(f);
        RoaringBitmap shadowBlocks = mainSize > 0 ? blocks.get(f.id()) : new RoaringBitmap();
        List<Run> runs = planner.planRead(shadowBlocks, mainSize, size, offset, end - offset);
        if (runs.size() == 1) {
            return readRun(f, mainSize, runs.get(0));
        }
        CompositeByteBuf out = ByteBufAllocator.DEFAULT.compositeDirectBuffer(runs.size());
        try {
            for (Run run : runs) {
                out.addComponent(true, readRun(f, mainSize, run));
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /**
     * For a file whose data all lives on main: the range as a slice of the main-data disk cache's
     * file (sent from there with sendfile; see {@link MainDataFetcher#readFromDisk}), or null when
     * it is not all there. The caller releases the slice once.
     */
    public FileSlice readFromCacheFile(Resolved f, long offset, int count) {
        ObjectRecord r = f.record();
        if (r.inShadow()) {
            return null;
        }
        return fetcher.readFromDisk(r.mainHandle(), size(f), offset, count);
    }

    /** Exactly the run's bytes from where it lives. */
    private ByteBuf readRun(Resolved f, long mainSize, Run run) {
        if (run.source() == Source.MAIN) {
            return exactly(fetcher.read(f.record().mainHandle(), mainSize, run.offset(), (int) run.length()),
                    (int) run.length());
        }
        ByteBuf part = shadow.read(copies.handle(f), run.offset(), (int) run.length());
        bytes.supplied(ByteSourceListener.ByteSource.SHADOW, part.readableBytes());
        return part;
    }

    /** {@code b} cut or zero-padded to {@code length} bytes (takes over {@code b}). */
    private static ByteBuf exactly(ByteBuf b, int length) {
        int have = b.readableBytes();
        if (have == length) {
            return b;
        }
        if (have > length) {
            return b.writerIndex(b.readerIndex() + length);
        }
        CompositeByteBuf out = ByteBufAllocator.DEFAULT.compositeDirectBuffer(2);
        out.addComponent(true, b);
        out.addComponent(true, ByteBufAllocator.DEFAULT.directBuffer(length - have).writeZero(length - have));
        return out;
    }

    /** Writes {@code data} at {@code offset}; the bitmap and logical size are durable when it returns. */
    public WriteResult write(Resolved f, long offset, ByteBuf data, StableHow stable) {
        ReentrantLock lock = copyUp.lockOf(f.id());
        lock.lock();
        try {
            Resolved r = copyUp.copyUp(f);
            int count = data.readableBytes();
            long mainSize = main.size(r);
            if (stable == StableHow.UNSTABLE && mainSize == 0 && writeBehind != null) {
                // no main blocks to track: the data can follow the reply (see WriteBehind); so can
                // the file's own shadow CREATE, which the queued write waits for if need be
                writeBehind.submit(r.id(), data.retain(), queued -> {
                    WriteResult w = shadow.write(copies.handle(r), offset, queued, StableHow.UNSTABLE);
                    verifier.observeShadow(w.verifier());
                });
                raiseLogicalSize(handles.reload(r.id()), offset + count);
                return WriteResult.ok(WccData.EMPTY, count, StableHow.UNSTABLE, verifier.current());
            }
            drain(r.id());
            FileHandle fh = copies.handle(r);
            RoaringBitmap bitmap = mainSize > 0 ? blocks.get(r.id()) : null;
            if (bitmap != null) {
                for (Run fill : planner.fillsForWrite(bitmap, mainSize, offset, count)) {
                    copyFromMain(r, fh, mainSize, fill);
                }
            }
            WriteResult written = shadow.write(fh, offset, data, stable);
            verifier.observeShadow(written.verifier());
            if (bitmap != null) {
                long mainEnd = planner.geometry().blocksFor(mainSize) * planner.geometry().blockSize();
                if (offset < mainEnd && count > 0) {
                    planner.markWritten(bitmap, offset, Math.min(count, mainEnd - offset));
                    blocks.put(r.id(), bitmap);
                }
            }
            raiseLogicalSize(handles.reload(r.id()), offset + count);
            return written;
        } finally {
            lock.unlock();
        }
    }

    /** Raises the logical size to {@code end} if it is smaller (read fresh: caller holds the object lock). */
    private void raiseLogicalSize(Resolved current, long end) {
        ObjectRecord rec = current.record();
        long size = rec.has(ObjectRecord.FLAG_SIZE_OWNED) ? rec.logicalSize() : size(current);
        if (end > size) {
            objects.update(current.id(), cur -> cur.has(ObjectRecord.FLAG_SIZE_OWNED) && cur.logicalSize() >= end
                    ? cur : cur.withLogicalSize(end));
        }
    }

    /** Sets the logical size (shrink or extend); durable when it returns. */
    public void truncate(Resolved f, long newSize) {
        ReentrantLock lock = copyUp.lockOf(f.id());
        lock.lock();
        try {
            drain(f.id());
            Resolved r = copyUp.copyUp(f);
            FileHandle fh = copies.handle(r);
            long mainSize = main.size(r);
            if (mainSize > 0) {
                RoaringBitmap bitmap = blocks.get(r.id());
                for (Run fill : planner.fillsForTruncate(bitmap, mainSize, newSize)) {
                    copyFromMain(r, fh, mainSize, fill);
                }
                planner.markTruncated(bitmap, mainSize, newSize);
                blocks.put(r.id(), bitmap);
            }
            shadow.setattr(fh, new Sattr3(null, null, null, newSize, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE));
            objects.update(r.id(), cur -> cur.withLogicalSize(newSize));
        } finally {
            lock.unlock();
        }
    }

    /** COMMIT: flushes the shadow file (when there is one) and answers the current verifier. */
    public Verifier commit(Resolved f) {
        drain(f.id());
        if (f.record().inShadow()) {
            verifier.observeShadow(shadow.commit(copies.handle(f)).verifier());
        }
        return verifier.current();
    }

    /**
     * Waits until the file's queued UNSTABLE writes reached the shadow: before anything that reads
     * the shadow copy or changes it in another way. On the fast path it throws WouldBlock instead.
     */
    public void drain(long id) {
        if (writeBehind != null) {
            writeBehind.drain(id);
        }
    }

    /** Forgets a removed file's bitmap. */
    public void forget(long id) {
        blocks.remove(id);
    }

    private void copyFromMain(Resolved r, FileHandle shadowFile, long mainSize, Run fill) {
        ByteBuf bytes = fetcher.read(r.record().mainHandle(), mainSize, fill.offset(), (int) fill.length());
        try {
            if (bytes.isReadable()) {
                WriteResult w = shadow.write(shadowFile, fill.offset(), bytes, StableHow.FILE_SYNC);
                verifier.observeShadow(w.verifier());
            }
        } finally {
            bytes.release();
        }
    }
}
