package io.rowfs.proxy.blocks;

/** Block arithmetic for one block size (a power of two between 512 bytes and 1 MiB). */
public final class BlockGeometry {
    public static final int DEFAULT_BLOCK_SIZE = 4096;
    private final int size;
    private final int shift;

    public BlockGeometry(int blockSize) {
        if (blockSize < 512 || blockSize > (1 << 20) || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size must be a power of two in [512, 1 MiB], got " + blockSize);
        }
        this.size = blockSize;
        this.shift = Integer.numberOfTrailingZeros(blockSize);
    }

    public int blockSize() {
        return size;
    }

    /** The block holding byte {@code offset}. Block numbers are unsigned 32-bit (RoaringBitmap). */
    public int blockOf(long offset) {
        long b = offset >>> shift;
        if (b > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("offset " + offset + " is beyond the largest block");
        }
        return (int) b;
    }

    public long startOf(int block) {
        return Integer.toUnsignedLong(block) << shift;
    }

    /** Number of blocks needed to hold {@code length} bytes: ceil(length / blockSize). */
    public long blocksFor(long length) {
        return (length + size - 1) >>> shift;
    }

    public boolean isAligned(long offset) {
        return (offset & (size - 1)) == 0;
    }
}
