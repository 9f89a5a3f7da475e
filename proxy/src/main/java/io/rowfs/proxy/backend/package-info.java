/**
 * The stores behind the proxy. On ordinary NFSv3 servers, mounted with MOUNT v3: {@link
 * io.rowfs.proxy.backend.NfsMainStore} (read procedures only, by construction: it never exposes its
 * client, so nothing can send main a mutating procedure) and {@link
 * io.rowfs.proxy.backend.NfsShadowStore} (where every change lands), over a {@link
 * io.rowfs.proxy.backend.BackendConnection}; calls block with a timeout. In the proxy's process:
 * {@link io.rowfs.proxy.backend.LocalShadowStore}, a shadow directory served by the shadow server's
 * file-system layer and procedures, with no RPC. All calls are made on proxy worker threads, never
 * on event loops.
 */
package io.rowfs.proxy.backend;
