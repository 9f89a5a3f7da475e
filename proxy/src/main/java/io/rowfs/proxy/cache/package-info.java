/**
 * The local cache of main-server data. Main is read-only for an image version, so a chunk read
 * from main once is kept in the state directory (bounded, CLOCK eviction) and served locally after
 * that: a block read twice crosses the wire to main once.
 *
 * <p>The parts, each with one job:
 * <ul>
 *   <li>{@link io.rowfs.proxy.cache.ChunkTiers}: the proxy's copies, looked up in order: the
 *       memory tier of chunks just fetched ({@link io.rowfs.proxy.cache.RecentChunks}), then the
 *       disk cache ({@link io.rowfs.proxy.cache.MainChunkCache}); fetched chunks are written to
 *       disk in the background, with back-pressure on fetching while the writes lag.</li>
 *   <li>{@link io.rowfs.proxy.cache.ChunkFetcher}: reads from main ({@link
 *       io.rowfs.proxy.cache.MainSource}), one fetch per chunk however many readers, readahead or
 *       prefetchers want it; {@code prefetch} is open to producers other than reads.</li>
 *   <li>{@link io.rowfs.proxy.cache.ReadaheadPolicy} over {@link
 *       io.rowfs.proxy.cache.ReadaheadWindow}: what to fetch ahead of a sequential reader.</li>
 *   <li>{@link io.rowfs.proxy.cache.MainDataFetcher}: serves a client's READ by composing the
 *       three (zero-copy buffers, or a file slice to send from the disk cache).</li>
 * </ul>
 * The tiers and the fetcher hold only image-wide state (keyed by main handle and chunk), so
 * several proxy engines may share one of each for the same main image; readahead state is per
 * file stream. Lock order: no part holds its lock while calling another; the monitors of {@code
 * ReadaheadWindow}'s streams, {@code RecentChunks} and {@code MainChunkCache} are leaves, and
 * futures are completed after locks are released.
 */
package io.rowfs.proxy.cache;
