package io.rowfs.proxy.handle;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and verifies virtual handles. Layout, 32 bytes, big-endian:
 *
 * <pre>
 *  0       1       2               4                               12              16
 *  +-------+-------+---------------+-------------------------------+---------------+
 *  |version| flags |   export id   |        virtual object id      |  generation   |
 *  +-------+-------+---------------+-------------------------------+---------------+
 *  16                                                                              32
 *  +-------------------------------------------------------------------------------+
 *  |        MAC: HMAC-SHA256(session key, bytes 0..15), first 16 bytes             |
 *  +-------------------------------------------------------------------------------+
 * </pre>
 *
 * The session key is created once per state directory, so handles from another proxy state (or
 * forged by a client) fail the MAC. 32 bytes is well under the 56 bytes some clients (ESXi) accept.
 *
 * <p>Handles that were encoded or verified recently are remembered by object id: encoding one again
 * copies it, and a client handle equal (in constant time) to the remembered one needs no MAC
 * computation. Every call that names an object decodes its handle, and every LOOKUP encodes one, so
 * this saves two HMACs per call; a handle that differs in any byte is still verified in full.
 * Thread-safe: each MAC computation takes its own {@link Mac} from a thread-local.
 */
public final class VirtualHandleCodec {
    public static final int LENGTH = 32;
    static final int VERSION = 1;
    private static final int BODY = 16;
    private static final int MAC_LENGTH = LENGTH - BODY;
    private static final String ALGORITHM = "HmacSHA256";
    /** Handles remembered (about 100 bytes each); past this the table is emptied and refilled. */
    static final int REMEMBERED = 65_536;

    private final ThreadLocal<Mac> mac;
    /** Verified handles by object id; each array is never handed out (callers get copies). */
    private final ConcurrentHashMap<Long, byte[]> verified = new ConcurrentHashMap<>();

    public VirtualHandleCodec(byte[] sessionKey) {
        if (sessionKey.length < 16) {
            throw new IllegalArgumentException("session key needs at least 16 bytes, got " + sessionKey.length);
        }
        SecretKeySpec key = new SecretKeySpec(sessionKey.clone(), ALGORITHM);
        this.mac = ThreadLocal.withInitial(() -> newMac(key));
    }

    public byte[] encode(VirtualHandle handle) {
        byte[] known = verified.get(handle.objectId());
        if (known != null && names(known, handle)) {
            return known.clone();
        }
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.put((byte) VERSION).put((byte) 0).putShort((short) handle.exportId())
                .putLong(handle.objectId()).putInt(handle.generation());
        out.put(tag(out.array()));
        remember(handle.objectId(), out.array().clone());
        return out.array();
    }

    public VirtualHandle decode(byte[] handle) throws BadHandleException {
        if (handle.length != LENGTH) {
            throw new BadHandleException("handle is " + handle.length + " bytes, expected " + LENGTH);
        }
        ByteBuffer in = ByteBuffer.wrap(handle);
        byte[] known = verified.get(in.getLong(4));
        boolean remembered = known != null && MessageDigest.isEqual(known, handle);
        if (!remembered && !MessageDigest.isEqual(tag(handle), java.util.Arrays.copyOfRange(handle, BODY, LENGTH))) {
            throw new BadHandleException("handle MAC does not verify (forged or from another proxy state)");
        }
        int version = in.get() & 0xFF;
        if (version != VERSION) {
            throw new BadHandleException("handle version " + version + ", expected " + VERSION);
        }
        in.get(); // flags, reserved
        int exportId = in.getShort() & 0xFFFF;
        long objectId = in.getLong();
        int generation = in.getInt();
        if (objectId == 0) {
            throw new BadHandleException("handle names object 0");
        }
        if (!remembered) {
            remember(objectId, handle.clone());
        }
        return new VirtualHandle(exportId, objectId, generation);
    }

    /** Whether the encoded {@code bytes} are those of {@code handle} (version, export, id and generation). */
    private static boolean names(byte[] bytes, VirtualHandle handle) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        return (in.get(0) & 0xFF) == VERSION && (in.getShort(2) & 0xFFFF) == handle.exportId()
                && in.getLong(4) == handle.objectId() && in.getInt(12) == handle.generation();
    }

    private void remember(long objectId, byte[] handle) {
        if (verified.size() >= REMEMBERED) {
            verified.clear();
        }
        verified.put(objectId, handle);
    }

    /** Handles remembered now (tests). */
    int remembered() {
        return verified.size();
    }

    private byte[] tag(byte[] handle) {
        Mac m = mac.get();
        m.update(handle, 0, BODY);
        byte[] full = m.doFinal();
        return java.util.Arrays.copyOf(full, MAC_LENGTH);
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
