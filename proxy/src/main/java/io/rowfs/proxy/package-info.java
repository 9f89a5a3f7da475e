/**
 * The redirect-on-write proxy: virtual handles, block bitmaps, merged namespace, main-data cache.
 *
 * <p>How the parts fit:
 * <ul>
 *   <li>{@code server}: {@code ProxyServer} (state directory, back ends, NFSv3 + MOUNT v3 + portmap
 *       front end), {@code ProxyNfs3Service} (every call to a worker thread; duplicate-request cache
 *       for non-idempotent procedures), {@code Errors} (the one failure-to-status mapping),
 *       {@code ProxyCommand} ({@code rowfs proxy}).
 *   <li>{@code ops}: one class per procedure group, protocol logic only.
 *   <li>{@code core}: {@code Namespace} (handle to object, merged LOOKUP and listing, copy-up),
 *       {@code Attributes} (virtual attributes), {@code FileData} (block-redirected data).
 *   <li>{@code backend}: {@code MainBackend} (read procedures only, by construction) and
 *       {@code ShadowBackend}, both mounted with MOUNT v3.
 *   <li>{@code meta}: the durable object table and name index; {@code blocks}: bitmaps and planner;
 *       {@code cache}: the main-data chunk cache and fetcher; {@code handle}: the 32-byte MAC'd handles.
 * </ul>
 *
 * <p>Shadow layout: the shadow export mirrors the merged tree for the objects that have a shadow
 * copy (an object with a copy lives at {@code shadow(parent)/name}, its parent has a copy too;
 * directories are copied up lazily, empty). Which names exist is decided by main's listing plus the
 * name index (children, redirects, whiteouts), never by listing the shadow. A regular file's shadow
 * copy is sparse and holds exactly the blocks in its bitmap; the rest is read from main.
 *
 * <p>Locking: the namespace lock (one, reentrant) guards name changes and directory copy-up; a
 * striped per-object lock guards a file's copy-up, writes and truncates. Order: object lock, then
 * namespace lock. Blocking work (Chronicle Map, cache, back-end calls) runs on worker threads only.
 */
package io.rowfs.proxy;
