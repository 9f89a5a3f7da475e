package io.rowfs.proxy.blocks;

/** Where the bytes of a run come from. */
public enum Source {
    /** Unmodified image data on the main server (through the local cache). */
    MAIN,
    /** Written (or truncated-and-zeroed) data in the shadow file at the same offset. */
    SHADOW
}
