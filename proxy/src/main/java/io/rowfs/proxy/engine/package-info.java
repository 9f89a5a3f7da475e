/**
 * The proxy without a front end. {@link io.rowfs.proxy.engine.ProxyEngine} opens a state directory
 * (handle key, object table, name index, block bitmaps, intent log), main and the shadow (an NFS
 * server or a directory in process), recovers intents, and runs the worker and queue threads; it
 * binds no socket, and several can run in one JVM. {@link io.rowfs.proxy.engine.MainData} is the
 * main-data cache and fetcher of one main image: an engine opens its own, or is given one shared
 * with the other engines of the same main. {@link io.rowfs.proxy.engine.EngineConfig} is what an
 * engine is made of; {@link io.rowfs.proxy.engine.ProxyMetrics} its counters and gauges.
 *
 * <p>State directory layout: {@code handle.key}, the Chronicle tables and {@code intents.cm3},
 * {@code cache/} (the engine's own main-data cache), {@code shadow/} (the in-process shadow's
 * handle key, fsid and inode table).
 */
package io.rowfs.proxy.engine;
