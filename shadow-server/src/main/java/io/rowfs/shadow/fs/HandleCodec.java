package io.rowfs.shadow.fs;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and checks the shadow server's NFSv3 file handles: 32 bytes, well under the 64-byte
 * limit of RFC 1813 (and the 56 bytes some clients accept).
 *
 * <pre>
 *  0       1       2               4                               12              16
 *  +-------+-------+---------------+-------------------------------+---------------+
 *  |version| flags |   export id   |     inode number (u64 BE)     |  generation   |
 *  |  = 1  |  = 0  |   (u16 BE)    |                               |   (u32 BE)    |
 *  +-------+-------+---------------+-------------------------------+---------------+
 *  16                                                                              32
 *  +-------------------------------------------------------------------------------+
 *  |        HMAC-SHA256(key, bytes 0..15), first 16 bytes                          |
 *  +-------------------------------------------------------------------------------+
 * </pre>
 *
 * The key is persisted in the state directory ({@link StateDir}), so handles stay valid across
 * restarts; the inode number survives renames. The generation comes from the {@link InodeTable}
 * and distinguishes a reused inode number from the object a handle was issued for. Nothing else
 * (no path, no start time) is inside. Thread-safe: one {@link Mac} per thread.
 */
public final class HandleCodec {
    public static final int LENGTH = 32;
    static final int VERSION = 1;
    static final int MAC_OFFSET = 16;
    static final int MAC_LENGTH = 16;

    private final int exportId;
    private final ThreadLocal<Mac> macs;

    /** A decoded, authenticated handle. */
    public record Decoded(long inode, int generation) {
    }

    public HandleCodec(byte[] key, int exportId) {
        if (key.length < 16) {
            throw new IllegalArgumentException("handle key must be at least 16 bytes, got " + key.length);
        }
        if (exportId < 0 || exportId > 0xFFFF) {
            throw new IllegalArgumentException("export id must fit 16 bits, got " + exportId);
        }
        this.exportId = exportId;
        byte[] k = key.clone();
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(k, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    public byte[] encode(long inode, int generation) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put((byte) VERSION).put((byte) 0).putShort((short) exportId).putLong(inode).putInt(generation);
        byte[] out = b.array();
        System.arraycopy(mac(out), 0, out, MAC_OFFSET, MAC_LENGTH);
        return out;
    }

    /**
     * Checks length, version, export id and MAC.
     *
     * @throws FsException BAD_HANDLE with the reason
     */
    public Decoded decode(byte[] handle) throws FsException {
        if (handle == null || handle.length != LENGTH) {
            throw new FsException(FsError.BAD_HANDLE, "handle of " + (handle == null ? 0 : handle.length)
                    + " bytes, expected " + LENGTH);
        }
        if (handle[0] != VERSION || handle[1] != 0) {
            throw new FsException(FsError.BAD_HANDLE, "handle version/flags " + handle[0] + "/" + handle[1]
                    + ", expected " + VERSION + "/0");
        }
        ByteBuffer b = ByteBuffer.wrap(handle);
        int export = Short.toUnsignedInt(b.getShort(2));
        if (export != exportId) {
            throw new FsException(FsError.BAD_HANDLE, "handle of export " + export + ", this is " + exportId);
        }
        byte[] expected = mac(handle);
        byte[] got = new byte[MAC_LENGTH];
        System.arraycopy(handle, MAC_OFFSET, got, 0, MAC_LENGTH);
        byte[] want = new byte[MAC_LENGTH];
        System.arraycopy(expected, 0, want, 0, MAC_LENGTH);
        if (!MessageDigest.isEqual(got, want)) {
            throw new FsException(FsError.BAD_HANDLE, "handle MAC mismatch");
        }
        return new Decoded(b.getLong(4), b.getInt(12));
    }

    private byte[] mac(byte[] handle) {
        Mac mac = macs.get();
        mac.update(handle, 0, MAC_OFFSET);
        return mac.doFinal();
    }
}
