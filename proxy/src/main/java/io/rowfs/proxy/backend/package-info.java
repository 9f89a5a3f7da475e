/**
 * The proxy's two back ends, both ordinary NFSv3 servers mounted with MOUNT v3: {@link
 * io.rowfs.proxy.backend.MainBackend} (read procedures only, by construction: it never exposes its
 * client, so nothing can send main a mutating procedure) and {@link
 * io.rowfs.proxy.backend.ShadowBackend} (where every change lands). Calls block with a timeout and
 * are made on proxy worker threads, never on event loops.
 */
package io.rowfs.proxy.backend;
