/**
 * The merged namespace as it is read: {@link io.rowfs.proxy.core.Handles} (virtual handles to
 * object records and back), {@link io.rowfs.proxy.core.MainMetadata} (what main said: attributes,
 * listings, absent names, link targets; kept, as main is read-only), {@link
 * io.rowfs.proxy.core.MergedNames} (LOOKUP with whiteouts, merged listings, and the table side of
 * name changes), {@link io.rowfs.proxy.core.CachedObjectTable}, and small pure helpers: directory
 * cookies, the listing merge, ACCESS computation. Nothing here writes the shadow: that is {@code
 * row}'s job, which depends on this package (never the other way).
 *
 * <p>Threading: everything here answers from memory on the event loop's fast path; a miss that
 * must ask main throws {@code NonBlocking.WouldBlock} there, and the call re-runs on a worker.
 * {@code MergedNames} takes the namespace lock (created by {@code row.Room}) only to adopt a name of
 * main and around its listing cache; its changing methods are called with that lock held.
 */
package io.rowfs.proxy.core;
