/**
 * Block-granular redirection. Each file's blocks that live in the shadow are a RoaringBitmap; a
 * block is read from main only when it is not in the bitmap and lies inside main's copy of the file.
 * The planners here are pure arithmetic (no I/O): they split a READ into main and shadow runs, say
 * which partial blocks a WRITE or truncate must first complete from main, and which blocks to mark.
 */
package io.rowfs.proxy.blocks;
