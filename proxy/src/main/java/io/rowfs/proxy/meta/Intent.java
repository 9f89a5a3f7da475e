package io.rowfs.proxy.meta;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A namespace change in progress: written to the {@link IntentLog} before its first step, removed
 * after its last. A change that touches the shadow and then the proxy's own tables is not atomic;
 * after a crash between the two, the intent says what to reconcile.
 *
 * <p>Encoding (big-endian): {@code kind (u8) | objectId (u64) | fromDir (u64) | toDir (u64) |
 * fromName length (u16) | fromName | toName length (u16) | toName [| detail length (u16) | detail]}.
 * REMOVE and REMOVE_BEHIND use fromDir/fromName; LINK toDir/toName; RENAME both; CREATE_BEHIND
 * fromDir/fromName and a detail (the new file's attributes, see {@code NewFile}). The detail part
 * is absent when empty, so intents written before it existed still decode.
 */
public record Intent(Kind kind, long objectId, long fromDir, byte[] fromName, long toDir, byte[] toName,
                     byte[] detail) {
    /** The changes that are logged. */
    public enum Kind {
        /** {@code objectId} unbound from fromDir/fromName (its shadow copy removed first). */
        REMOVE,
        /** {@code objectId} moved from fromDir/fromName to toDir/toName (in the shadow first, if it has a copy). */
        RENAME,
        /** {@code objectId} gains the name toDir/toName (a shadow LINK first). */
        LINK,
        /**
         * A regular file bound at fromDir/fromName in the tables, its shadow CREATE queued behind
         * the reply (objectId is not known when the intent is written: the name says which).
         */
        CREATE_BEHIND,
        /** {@code objectId} already unbound from fromDir/fromName in the tables, its shadow REMOVE queued. */
        REMOVE_BEHIND
    }

    public Intent {
        fromName = fromName == null ? new byte[0] : fromName;
        toName = toName == null ? new byte[0] : toName;
        detail = detail == null ? new byte[0] : detail;
    }

    public Intent(Kind kind, long objectId, long fromDir, byte[] fromName, long toDir, byte[] toName) {
        this(kind, objectId, fromDir, fromName, toDir, toName, null);
    }

    public static Intent createBehind(long dir, byte[] name, byte[] attributes) {
        return new Intent(Kind.CREATE_BEHIND, 0, dir, name, 0, null, attributes);
    }

    public static Intent removeBehind(long objectId, long dir, byte[] name) {
        return new Intent(Kind.REMOVE_BEHIND, objectId, dir, name, 0, null);
    }

    public static Intent remove(long objectId, long dir, byte[] name) {
        return new Intent(Kind.REMOVE, objectId, dir, name, 0, null);
    }

    public static Intent rename(long objectId, long fromDir, byte[] fromName, long toDir, byte[] toName) {
        return new Intent(Kind.RENAME, objectId, fromDir, fromName, toDir, toName);
    }

    public static Intent link(long objectId, long dir, byte[] name) {
        return new Intent(Kind.LINK, objectId, 0, null, dir, name);
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(1 + 24 + 2 + fromName.length + 2 + toName.length
                        + (detail.length > 0 ? 2 + detail.length : 0))
                .put((byte) kind.ordinal()).putLong(objectId).putLong(fromDir).putLong(toDir)
                .putShort((short) fromName.length).put(fromName)
                .putShort((short) toName.length).put(toName);
        if (detail.length > 0) {
            out.putShort((short) detail.length).put(detail);
        }
        return out.array();
    }

    /** @throws IllegalArgumentException if {@code bytes} is not one whole intent */
    static Intent decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int kind = in.get() & 0xFF;
            if (kind >= Kind.values().length) {
                throw new IllegalArgumentException("intent of unknown kind " + kind);
            }
            long objectId = in.getLong();
            long fromDir = in.getLong();
            long toDir = in.getLong();
            byte[] from = new byte[in.getShort() & 0xFFFF];
            in.get(from);
            byte[] to = new byte[in.getShort() & 0xFFFF];
            in.get(to);
            byte[] detail = new byte[in.hasRemaining() ? in.getShort() & 0xFFFF : 0];
            in.get(detail);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("intent of " + bytes.length + " bytes has " + in.remaining()
                        + " bytes after its end");
            }
            return new Intent(Kind.values()[kind], objectId, fromDir, from, toDir, to, detail);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("intent of " + bytes.length + " bytes is cut short", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Intent i && kind == i.kind && objectId == i.objectId && fromDir == i.fromDir
                && toDir == i.toDir && Arrays.equals(fromName, i.fromName) && Arrays.equals(toName, i.toName)
                && Arrays.equals(detail, i.detail);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {kind.ordinal(), objectId, fromDir, toDir})
                ^ Arrays.hashCode(fromName) * 31 ^ Arrays.hashCode(toName);
    }

    @Override
    public String toString() {
        return kind + " of object " + objectId + " (" + fromDir + "/" + new String(fromName, java.nio.charset.StandardCharsets.UTF_8)
                + " -> " + toDir + "/" + new String(toName, java.nio.charset.StandardCharsets.UTF_8) + ")";
    }
}
