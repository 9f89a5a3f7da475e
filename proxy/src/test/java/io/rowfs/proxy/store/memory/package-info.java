/**
 * In-memory stores for unit tests of the redirect-on-write room, at the storage seams only: a
 * {@link io.rowfs.proxy.store.memory.MemoryTree} model, a read-only {@link
 * io.rowfs.proxy.store.memory.MemoryMainStore} and a {@link io.rowfs.proxy.store.memory.MemoryShadowStore}
 * that can refuse or halt a step.
 */
package io.rowfs.proxy.store.memory;
