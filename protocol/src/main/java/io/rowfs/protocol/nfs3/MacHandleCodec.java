package io.rowfs.protocol.nfs3;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one layout and MAC of the NFSv3 file handles rowfs hands out: the shadow server's (the object
 * is an inode number, the key is kept in its state directory) and the proxy's virtual handles (the
 * object is a virtual object id, the key is the proxy state's session key). 32 bytes, big-endian:
 *
 * <pre>
 *  0       1       2               4                               12              16
 *  +-------+-------+---------------+-------------------------------+---------------+
 *  |version| flags |   export id   |       object id (u64 BE)      |  generation   |
 *  |  = 1  |  = 0  |   (u16 BE)    |                               |   (u32 BE)    |
 *  +-------+-------+---------------+-------------------------------+---------------+
 *  16                                                                              32
 *  +-------------------------------------------------------------------------------+
 *  |        MAC: HMAC-SHA256(key, bytes 0..15), first 16 bytes                     |
 *  +-------------------------------------------------------------------------------+
 * </pre>
 *
 * Limits: 32 bytes is well under NFS3_FHSIZE, the 64 bytes of RFC 1813 section 2.5 (nfs_fh3), and
 * under the 56 bytes some clients (ESXi) accept. The export id has 16 bits, the generation 32 (it
 * tells a reused object id from the object a handle was issued for). The MAC is HMAC-SHA256
 * (RFC 2104, FIPS 180-4) cut to its first 128 bits (RFC 2104 section 5 allows truncation to no less
 * than half the hash); the key has at least 16 bytes. A handle made with another key, or changed in
 * any bit, fails the MAC; nothing else (no path, no start time) is inside.
 *
 * <p>{@link #decode} checks the length, then the MAC (in constant time), then version and flags;
 * what the export id and object id must be is the caller's business. Thread-safe: each MAC
 * computation takes its own {@link Mac} from a thread-local.
 */
public final class MacHandleCodec {
    /** Bytes in a handle. */
    public static final int LENGTH = 32;
    /** The layout version in byte 0. */
    public static final int VERSION = 1;
    /** Bytes covered by the MAC (version to generation); the MAC follows. */
    private static final int BODY = 16;
    private static final int MAC_LENGTH = LENGTH - BODY;
    private static final int OBJECT_ID_OFFSET = 4;
    private static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    /**
     * The fields of a handle.
     *
     * @param exportId   which export of the server the object belongs to (16 bits)
     * @param objectId   the object: an inode number (shadow server) or a virtual object id (proxy)
     * @param generation tells a reused object id from the object the handle was issued for
     */
    public record Fields(int exportId, long objectId, int generation) {
        public Fields {
            if (exportId < 0 || exportId > 0xFFFF) {
                throw new IllegalArgumentException("export id must fit 16 bits, got " + exportId);
            }
        }
    }

    /** Why a handle was refused. */
    public enum Reason {
        /** Not {@link #LENGTH} bytes (or null). */
        LENGTH,
        /** The MAC does not verify: forged, changed, or made with another key. */
        MAC,
        /** Version or flags other than this layout's. */
        VERSION
    }

    /** A handle that is not one of this codec's: the client should get NFS3ERR_BADHANDLE. Cheap: no stack trace. */
    public static final class InvalidHandleException extends Exception {
        private final Reason reason;

        InvalidHandleException(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** A codec whose MACs use {@code key} (at least 16 bytes; copied). */
    public MacHandleCodec(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("handle key must be at least 16 bytes, got " + key.length);
        }
        SecretKeySpec spec = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
    }

    /** The handle of {@code fields}: {@link #LENGTH} bytes, MAC included. */
    public byte[] encode(Fields fields) {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.put((byte) VERSION).put((byte) 0).putShort((short) fields.exportId())
                .putLong(fields.objectId()).putInt(fields.generation());
        out.put(mac(out.array()));
        return out.array();
    }

    /**
     * The fields of an authentic handle: checks the length, the MAC, then version and flags.
     *
     * @throws InvalidHandleException with the {@link Reason} and a message saying what is wrong
     */
    public Fields decode(byte[] handle) throws InvalidHandleException {
        checkLength(handle);
        if (!MessageDigest.isEqual(mac(handle), Arrays.copyOfRange(handle, BODY, LENGTH))) {
            throw new InvalidHandleException(Reason.MAC, "handle MAC does not verify");
        }
        return fields(handle);
    }

    /**
     * The fields of a handle that is byte for byte one this codec encoded or verified before (a
     * caller that remembers those saves the MAC computation): checks length, version and flags only.
     */
    public static Fields decodeKnown(byte[] handle) throws InvalidHandleException {
        checkLength(handle);
        return fields(handle);
    }

    /**
     * The object id inside a handle of {@link #LENGTH} bytes, else 0; not authenticated (for picking
     * a stripe or finding a remembered handle, never for access).
     */
    public static long objectIdOf(byte[] handle) {
        return handle != null && handle.length == LENGTH ? ByteBuffer.wrap(handle).getLong(OBJECT_ID_OFFSET) : 0;
    }

    /** Whether the encoded {@code handle} holds exactly {@code fields} (and this layout's version and flags). */
    public static boolean holds(byte[] handle, Fields fields) {
        if (handle.length != LENGTH) {
            return false;
        }
        ByteBuffer in = ByteBuffer.wrap(handle);
        return in.get(0) == VERSION && in.get(1) == 0 && (in.getShort(2) & 0xFFFF) == fields.exportId()
                && in.getLong(OBJECT_ID_OFFSET) == fields.objectId() && in.getInt(12) == fields.generation();
    }

    private static void checkLength(byte[] handle) throws InvalidHandleException {
        if (handle == null || handle.length != LENGTH) {
            throw new InvalidHandleException(Reason.LENGTH, "handle of " + (handle == null ? 0 : handle.length)
                    + " bytes, expected " + LENGTH);
        }
    }

    private static Fields fields(byte[] handle) throws InvalidHandleException {
        if (handle[0] != VERSION || handle[1] != 0) {
            throw new InvalidHandleException(Reason.VERSION, "handle version/flags " + handle[0] + "/" + handle[1]
                    + ", expected " + VERSION + "/0");
        }
        ByteBuffer in = ByteBuffer.wrap(handle);
        return new Fields(in.getShort(2) & 0xFFFF, in.getLong(OBJECT_ID_OFFSET), in.getInt(12));
    }

    private byte[] mac(byte[] handle) {
        Mac m = macs.get();
        m.update(handle, 0, BODY);
        return Arrays.copyOf(m.doFinal(), MAC_LENGTH);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JVM lacks " + ALGORITHM, e);
        }
    }
}
