package io.rowfs.proxy.handle;

import io.rowfs.protocol.nfs3.MacHandleCodec;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes and verifies virtual handles: {@link MacHandleCodec}'s 32-byte layout and MAC (the
 * diagram and limits are there), its object id being the virtual object id (never 0).
 *
 * The session key is created once per state directory, so handles from another proxy state (or
 * forged by a client) fail the MAC.
 *
 * <p>Handles that were encoded or verified recently are remembered by object id: encoding one again
 * copies it, and a client handle equal (in constant time) to the remembered one needs no MAC
 * computation. Every call that names an object decodes its handle, and every LOOKUP encodes one, so
 * this saves two HMACs per call; a handle that differs in any byte is still verified in full.
 * Thread-safe.
 */
public final class VirtualHandleCodec {
    public static final int LENGTH = MacHandleCodec.LENGTH;
    /** Handles remembered (about 100 bytes each); past this the table is emptied and refilled. */
    static final int REMEMBERED = 65_536;

    private final MacHandleCodec codec;
    /** Verified handles by object id; each array is never handed out (callers get copies). */
    private final ConcurrentHashMap<Long, byte[]> verified = new ConcurrentHashMap<>();

    public VirtualHandleCodec(byte[] sessionKey) {
        if (sessionKey.length < 16) {
            throw new IllegalArgumentException("session key needs at least 16 bytes, got " + sessionKey.length);
        }
        this.codec = new MacHandleCodec(sessionKey);
    }

    public byte[] encode(VirtualHandle handle) {
        MacHandleCodec.Fields fields = new MacHandleCodec.Fields(handle.exportId(), handle.objectId(), handle.generation());
        byte[] known = verified.get(handle.objectId());
        if (known != null && MacHandleCodec.holds(known, fields)) {
            return known.clone();
        }
        byte[] out = codec.encode(fields);
        remember(handle.objectId(), out.clone());
        return out;
    }

    public VirtualHandle decode(byte[] handle) throws BadHandleException {
        byte[] known = verified.get(MacHandleCodec.objectIdOf(handle));
        boolean remembered = known != null && MessageDigest.isEqual(known, handle);
        MacHandleCodec.Fields f;
        try {
            f = remembered ? MacHandleCodec.decodeKnown(handle) : codec.decode(handle);
        } catch (MacHandleCodec.InvalidHandleException e) {
            throw new BadHandleException(e.reason() == MacHandleCodec.Reason.MAC
                    ? "handle MAC does not verify (forged or from another proxy state)" : e.getMessage());
        }
        if (f.objectId() == 0) {
            throw new BadHandleException("handle names object 0");
        }
        if (!remembered) {
            remember(f.objectId(), handle.clone());
        }
        return new VirtualHandle(f.exportId(), f.objectId(), f.generation());
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
}
