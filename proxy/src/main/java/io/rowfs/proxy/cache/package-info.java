/**
 * The local cache of main-server data. Main is read-only for an image version, so a chunk read
 * from main once is kept in the state directory (bounded, CLOCK eviction) and served locally after
 * that: a block read twice crosses the wire to main once.
 */
package io.rowfs.proxy.cache;
