/**
 * The proxy's storage seams. {@link io.rowfs.proxy.store.MainStore}: the read-only image (no
 * mutating method exists). {@link io.rowfs.proxy.store.ShadowStore}: the writable store every
 * change lands in, as the NFSv3 procedures the proxy needs. {@link io.rowfs.proxy.store.Shadow}
 * wraps a shadow store for the rest of the proxy: failures become exceptions, reported attributes
 * are kept ({@link io.rowfs.proxy.store.ShadowAttributes}), and name changes can be queued per name
 * and waited for by every later call that depends on that directory's names.
 */
package io.rowfs.proxy.store;
