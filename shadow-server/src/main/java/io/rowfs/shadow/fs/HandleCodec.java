package io.rowfs.shadow.fs;

import io.rowfs.protocol.nfs3.MacHandleCodec;

/**
 * The shadow server's NFSv3 file handles: {@link MacHandleCodec}'s 32-byte layout and MAC (the
 * diagram and limits are there), its object id being the inode number and its export id this
 * server's.
 *
 * The key is persisted in the state directory ({@link StateDir}), so handles stay valid across
 * restarts; the inode number survives renames. The generation comes from the {@link InodeTable}
 * and distinguishes a reused inode number from the object a handle was issued for. Thread-safe.
 */
public final class HandleCodec {
    public static final int LENGTH = MacHandleCodec.LENGTH;

    private final int exportId;
    private final MacHandleCodec codec;

    /** A decoded, authenticated handle. */
    public record Decoded(long inode, int generation) {
    }

    public HandleCodec(byte[] key, int exportId) {
        if (exportId < 0 || exportId > 0xFFFF) {
            throw new IllegalArgumentException("export id must fit 16 bits, got " + exportId);
        }
        this.exportId = exportId;
        this.codec = new MacHandleCodec(key);
    }

    public byte[] encode(long inode, int generation) {
        return codec.encode(new MacHandleCodec.Fields(exportId, inode, generation));
    }

    /**
     * Checks length, MAC, version and export id.
     *
     * @throws FsException BAD_HANDLE with the reason
     */
    public Decoded decode(byte[] handle) throws FsException {
        MacHandleCodec.Fields f;
        try {
            f = codec.decode(handle);
        } catch (MacHandleCodec.InvalidHandleException e) {
            throw new FsException(FsError.BAD_HANDLE, e.getMessage());
        }
        if (f.exportId() != exportId) {
            throw new FsException(FsError.BAD_HANDLE, "handle of export " + f.exportId() + ", this is " + exportId);
        }
        return new Decoded(f.objectId(), f.generation());
    }

    /** The inode number inside a handle of {@link #LENGTH} bytes, else 0; not authenticated (it only picks a stripe). */
    public static long inodeOf(byte[] handle) {
        return MacHandleCodec.objectIdOf(handle);
    }
}
