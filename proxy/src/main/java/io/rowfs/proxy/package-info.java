/**
 * The redirect-on-write proxy: virtual handles, block bitmaps, merged namespace, main-data cache.
 *
 * <p>How the parts fit:
 * <ul>
 *   <li>{@code engine}: {@code ProxyEngine} (state directory, stores, tables, intent recovery,
 *       threads, metrics; binds no socket, several per JVM), {@code MainData} (the main-data cache
 *       and fetcher, shareable by engines of one main), {@code EngineConfig}, {@code ProxyMetrics}.
 *   <li>{@code server}: {@code ProxyServer} (an engine served over NFSv3 + MOUNT v3 + portmap and
 *       metrics HTTP), {@code ProxyNfs3Service} (threading, below; duplicate-request cache for
 *       non-idempotent procedures), {@code Errors} (the one failure-to-status mapping),
 *       {@code ProxyCommand} ({@code rowfs proxy}).
 *   <li>{@code ops}: one class per procedure group, protocol translation only.
 *   <li>{@code row}: redirect-on-write, the one room for changes that span the shadow and the
 *       tables: {@code Changes} (create, remove, rename, link, setattr), {@code CopyUp},
 *       {@code FileData} (block-redirected data) and write-behind, names-behind, the intent log's
 *       use and recovery, {@code Attributes} (virtual attributes); {@code Room} assembles it.
 *   <li>{@code core}: the merged namespace as it is read: {@code Handles} (handle to object),
 *       {@code MainMetadata} (main's answers, kept), {@code MergedNames} (LOOKUP, listings, bindings).
 *   <li>{@code store}: the storage seams: {@code MainStore} (read-only by type) and
 *       {@code ShadowStore}, and {@code Shadow}, the shadow as the proxy calls it (failures as
 *       exceptions, {@code ShadowAttributes}: the last attributes the shadow reported per object,
 *       name changes queued in order).
 *   <li>{@code backend}: the stores on NFSv3 servers mounted with MOUNT v3 ({@code NfsMainStore},
 *       {@code NfsShadowStore}), and the shadow in the proxy's process ({@code LocalShadowStore}: a
 *       directory served by the shadow server's file-system layer, no RPC).
 *   <li>{@code threading}: {@code NonBlocking} (the fast path's guard), {@code Await},
 *       {@code SerialQueues}.
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
 * <p>Locking (see {@code row}): the namespace lock (one, reentrant) guards name changes and
 * directory copy-up; a striped per-object lock guards a file's copy-up, writes and truncates.
 * Order: object lock, then namespace lock. Package dependencies point one way: server, then ops,
 * then row, then core, then the stores and tables.
 *
 * <p>Threading: a read-only procedure first runs on the event loop that decoded it, and is answered
 * there when everything it needs is local (object table, name index, main's cached listings and
 * attributes, the shadow's last reported attributes); a back-end call or a contended lock throws
 * {@code NonBlocking.WouldBlock} before anything is sent, and the procedure re-runs on a worker.
 * Other procedures run on workers. A worker calls the back ends over its own blocking connection
 * ({@code ThreadConnections}: no event-loop hand-off per call); main-data fetches and readahead use
 * the pipelined asynchronous client.
 */
package io.rowfs.proxy;
