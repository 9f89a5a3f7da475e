package io.rowfs.proxy.meta;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A namespace change in progress: written to the {@link IntentLog} before its first step, removed
 * after its last. A change that touches the shadow and then the proxy's own tables is not atomic;
 * after a crash between the two, the intent says what to reconcile.
 *
 * <p>Encoding (big-endian): {@code kind (u8) | objectId (u64) | fromDir (u64) | toDir (u64) |
 * fromName length (u16) | fromName | toName length (u16) | toName}. REMOVE uses fromDir/fromName;
 * LINK toDir/toName; RENAME both.
 */
public record Intent(Kind kind, long objectId, long fromDir, byte[] fromName, long toDir, byte[] toName) {
    /** The changes that are logged. */
    public enum Kind {
        /** {@code objectId} unbound from fromDir/fromName (its shadow copy removed first). */
        REMOVE,
        /** {@code objectId} moved from fromDir/fromName to toDir/toName (in the shadow first, if it has a copy). */
        RENAME,
        /** {@code objectId} gains the name toDir/toName (a shadow LINK first). */
        LINK
    }

    public Intent {
        fromName = fromName == null ? new byte[0] : fromName;
        toName = toName == null ? new byte[0] : toName;
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
        return ByteBuffer.allocate(1 + 24 + 2 + fromName.length + 2 + toName.length)
                .put((byte) kind.ordinal()).putLong(objectId).putLong(fromDir).putLong(toDir)
                .putShort((short) fromName.length).put(fromName)
                .putShort((short) toName.length).put(toName).array();
    }

    static Intent decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int kind = in.get() & 0xFF;
        if (kind >= Kind.values().length) {
            throw new IllegalStateException("intent of unknown kind " + kind);
        }
        long objectId = in.getLong();
        long fromDir = in.getLong();
        long toDir = in.getLong();
        byte[] from = new byte[in.getShort() & 0xFFFF];
        in.get(from);
        byte[] to = new byte[in.getShort() & 0xFFFF];
        in.get(to);
        return new Intent(Kind.values()[kind], objectId, fromDir, from, toDir, to);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Intent i && kind == i.kind && objectId == i.objectId && fromDir == i.fromDir
                && toDir == i.toDir && Arrays.equals(fromName, i.fromName) && Arrays.equals(toName, i.toName);
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
