package io.rowfs.proxy.meta;

import java.util.Arrays;

/**
 * One virtual object. Handles are physical NFSv3 handles (at most 64 bytes) on the main and shadow
 * servers; either may be absent (an object created by the client exists only in the shadow, an
 * untouched image file only on main).
 *
 * @param parentId    the virtual id of the directory that holds the object (the root is its own parent)
 * @param name        the object's name in its parent, raw bytes (empty for the root)
 * @param type        NFSv3 ftype3 value (1 = regular, 2 = directory, ...)
 * @param flags       bit set of {@code FLAG_*}
 * @param generation  part of the virtual handle; bumped if an id is ever reused
 * @param logicalSize the size clients see once the proxy owns it ({@link #FLAG_SIZE_OWNED}), else -1
 * @param mainHandle  handle on the main server, or an empty array
 * @param shadowHandle handle on the shadow server, or an empty array
 */
public record ObjectRecord(long parentId, byte[] name, int type, int flags, int generation,
                           long logicalSize, byte[] mainHandle, byte[] shadowHandle) {
    /** Some blocks of the file live in the shadow; see the block bitmap store. */
    public static final int FLAG_BLOCKS_REDIRECTED = 1;
    /** The proxy owns the logical size and times (after a write or truncate). */
    public static final int FLAG_SIZE_OWNED = 1 << 1;
    /** A directory whose main listing is hidden entirely (removed then re-created). */
    public static final int FLAG_OPAQUE_DIR = 1 << 2;
    /**
     * A regular file whose shadow copy is being created behind the reply: it has no shadow handle
     * yet, but counts as in the shadow (see {@code NamesBehind}).
     */
    public static final int FLAG_SHADOW_PENDING = 1 << 3;

    public static final int MAX_HANDLE = 64;
    public static final int MAX_NAME = 255;

    public ObjectRecord {
        if (mainHandle.length > MAX_HANDLE || shadowHandle.length > MAX_HANDLE) {
            throw new IllegalArgumentException("physical handles are at most " + MAX_HANDLE + " bytes");
        }
        if (name.length > MAX_NAME) {
            throw new IllegalArgumentException("name of " + name.length + " bytes, at most " + MAX_NAME);
        }
    }

    public boolean onMain() {
        return mainHandle.length > 0;
    }

    /** Whether the object has a shadow copy (or one is being created: {@link #FLAG_SHADOW_PENDING}). */
    public boolean inShadow() {
        return shadowHandle.length > 0 || has(FLAG_SHADOW_PENDING);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** With this shadow handle; no longer {@link #FLAG_SHADOW_PENDING}. */
    public ObjectRecord withShadowHandle(byte[] handle) {
        return new ObjectRecord(parentId, name, type, flags & ~FLAG_SHADOW_PENDING, generation, logicalSize,
                mainHandle, handle);
    }

    public ObjectRecord withParent(long newParent, byte[] newName) {
        return new ObjectRecord(newParent, newName, type, flags, generation, logicalSize, mainHandle, shadowHandle);
    }

    public ObjectRecord withFlags(int newFlags) {
        return new ObjectRecord(parentId, name, type, newFlags, generation, logicalSize, mainHandle, shadowHandle);
    }

    public ObjectRecord withLogicalSize(long size) {
        return new ObjectRecord(parentId, name, type, flags | FLAG_SIZE_OWNED, generation, size,
                mainHandle, shadowHandle);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectRecord r && parentId == r.parentId && type == r.type && flags == r.flags
                && generation == r.generation && logicalSize == r.logicalSize && Arrays.equals(name, r.name)
                && Arrays.equals(mainHandle, r.mainHandle) && Arrays.equals(shadowHandle, r.shadowHandle);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(parentId) * 31 + Arrays.hashCode(name);
    }

    @Override
    public String toString() {
        return "ObjectRecord[parent=" + parentId + ", name=" + new String(name, java.nio.charset.StandardCharsets.UTF_8)
                + ", type=" + type + ", flags=" + flags + ", gen=" + generation + ", size=" + logicalSize
                + ", main=" + mainHandle.length + "B, shadow=" + shadowHandle.length + "B]";
    }
}
