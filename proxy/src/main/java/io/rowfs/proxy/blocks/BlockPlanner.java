package io.rowfs.proxy.blocks;

import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Plans reads, writes and truncates of one file against its shadow-block bitmap. A block is a MAIN
 * block when it is absent from the bitmap and starts before {@code mainSize} (main's size of the
 * file); every other block is a SHADOW block (written, zeroed by truncate, or past main's end).
 */
public final class BlockPlanner {
    private final BlockGeometry geometry;

    public BlockPlanner(BlockGeometry geometry) {
        this.geometry = geometry;
    }

    public BlockGeometry geometry() {
        return geometry;
    }

    public boolean isMainBlock(RoaringBitmap shadow, long mainSize, int block) {
        return !shadow.contains(block) && geometry.startOf(block) < mainSize;
    }

    /**
     * Splits the READ range {@code [offset, offset+count)}, clipped to {@code logicalSize}, into
     * maximal runs of one source. MAIN runs are further clipped to {@code mainSize}; bytes past it
     * belong to SHADOW (the shadow file is sparse there, so they read as zeros).
     */
    public List<Run> planRead(RoaringBitmap shadow, long mainSize, long logicalSize, long offset, long count) {
        List<Run> runs = new ArrayList<>();
        long end = Math.min(logicalSize, offset + count);
        long pos = offset;
        while (pos < end) {
            int block = geometry.blockOf(pos);
            boolean main = pos < mainSize && !shadow.contains(block);
            long runEnd = main ? mainRunEnd(shadow, mainSize, block, end) : shadowRunEnd(shadow, mainSize, pos, block, end);
            append(runs, main ? Source.MAIN : Source.SHADOW, pos, runEnd - pos);
            pos = runEnd;
        }
        return runs;
    }

    /** End of the MAIN run starting in {@code block}: the next shadow block, main's end, or the limit. */
    private long mainRunEnd(RoaringBitmap shadow, long mainSize, int block, long limit) {
        long nextShadow = shadow.nextValue(block);
        long boundary = nextShadow < 0 ? Long.MAX_VALUE : geometry.startOf((int) nextShadow);
        return Math.min(limit, Math.min(boundary, mainSize));
    }

    /**
     * End of the SHADOW run starting at {@code pos} in {@code block}: the next MAIN block, or the
     * limit. Past main's end every block is shadow; before it, {@code block} is in the bitmap.
     */
    private long shadowRunEnd(RoaringBitmap shadow, long mainSize, long pos, int block, long limit) {
        if (pos >= mainSize) {
            return limit;
        }
        long nextMainBlock = shadow.nextAbsentValue(block); // > block, since block is in the bitmap
        if (nextMainBlock < 0 || nextMainBlock >= geometry.blocksFor(mainSize)) {
            return limit;
        }
        return Math.min(limit, geometry.startOf((int) nextMainBlock));
    }

    private static void append(List<Run> runs, Source src, long offset, long length) {
        if (!runs.isEmpty()) {
            Run last = runs.get(runs.size() - 1);
            if (last.source() == src && last.end() == offset) {
                runs.set(runs.size() - 1, new Run(src, last.offset(), last.length() + length));
                return;
            }
        }
        runs.add(new Run(src, offset, length));
    }

    /**
     * The parts of main data a WRITE of {@code [offset, offset+count)} must copy into the shadow
     * first: the head and tail of partially written blocks that are still MAIN blocks. Each fill is
     * clipped to {@code mainSize} (beyond it the block reads as zeros anyway).
     */
    public List<Run> fillsForWrite(RoaringBitmap shadow, long mainSize, long offset, long count) {
        List<Run> fills = new ArrayList<>(2);
        if (count <= 0) {
            return fills;
        }
        long end = offset + count;
        int first = geometry.blockOf(offset);
        int last = geometry.blockOf(end - 1);
        long firstStart = geometry.startOf(first);
        if (offset > firstStart && isMainBlock(shadow, mainSize, first)) {
            addFill(fills, firstStart, offset, mainSize);
        }
        long lastEnd = geometry.startOf(last) + geometry.blockSize();
        if (end < lastEnd && isMainBlock(shadow, mainSize, last)) {
            addFill(fills, end, lastEnd, mainSize);
        }
        return fills;
    }

    private static void addFill(List<Run> fills, long from, long to, long mainSize) {
        long clipped = Math.min(to, mainSize);
        if (clipped > from) {
            fills.add(new Run(Source.MAIN, from, clipped - from));
        }
    }

    /** Marks every block the write {@code [offset, offset+count)} touches as a shadow block. */
    public void markWritten(RoaringBitmap shadow, long offset, long count) {
        if (count > 0) {
            shadow.add(Integer.toUnsignedLong(geometry.blockOf(offset)),
                    Integer.toUnsignedLong(geometry.blockOf(offset + count - 1)) + 1);
        }
    }

    /**
     * The main bytes a truncate to {@code newSize} must preserve before cutting: the head of the
     * block that holds {@code newSize}, when that block is still MAIN and the cut is inside it.
     */
    public List<Run> fillsForTruncate(RoaringBitmap shadow, long mainSize, long newSize) {
        List<Run> fills = new ArrayList<>(1);
        int block = geometry.blockOf(newSize);
        long start = geometry.startOf(block);
        if (newSize > start && isMainBlock(shadow, mainSize, block)) {
            addFill(fills, start, newSize, mainSize);
        }
        return fills;
    }

    /**
     * Marks every main-backed block at or after the cut as a shadow block, so that old main data
     * never reappears when the file is later extended (the sparse shadow reads as zeros there).
     */
    public void markTruncated(RoaringBitmap shadow, long mainSize, long newSize) {
        long mainBlocks = geometry.blocksFor(mainSize);
        long from = geometry.blockOf(newSize);
        if (from < mainBlocks) {
            shadow.add(from, mainBlocks);
        }
    }
}
