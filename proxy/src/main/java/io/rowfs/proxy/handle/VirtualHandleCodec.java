package io.rowfs.proxy.handle;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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
 * Thread-safe: each call takes its own {@link Mac} from a thread-local.
 */
public final class VirtualHandleCodec {
    public static final int LENGTH = 32;
    static final int VERSION = 1;
    private static final int BODY = 16;
    private static final int MAC_LENGTH = LENGTH - BODY;
    private static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> mac;

    public VirtualHandleCodec(byte[] sessionKey) {
        if (sessionKey.length < 16) {
            throw new IllegalArgumentException("session key needs at least 16 bytes, got " + sessionKey.length);
        }
        SecretKeySpec key = new SecretKeySpec(sessionKey.clone(), ALGORITHM);
        this.mac = ThreadLocal.withInitial(() -> newMac(key));
    }

    public byte[] encode(VirtualHandle handle) {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.put((byte) VERSION).put((byte) 0).putShort((short) handle.exportId())
                .putLong(handle.objectId()).putInt(handle.generation());
        out.put(tag(out.array()));
        return out.array();
    }

    public VirtualHandle decode(byte[] handle) throws BadHandleException {
        if (handle.length != LENGTH) {
            throw new BadHandleException("handle is " + handle.length + " bytes, expected " + LENGTH);
        }
        if (!MessageDigest.isEqual(tag(handle), java.util.Arrays.copyOfRange(handle, BODY, LENGTH))) {
            throw new BadHandleException("handle MAC does not verify (forged or from another proxy state)");
        }
        ByteBuffer in = ByteBuffer.wrap(handle);
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
        return new VirtualHandle(exportId, objectId, generation);
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
