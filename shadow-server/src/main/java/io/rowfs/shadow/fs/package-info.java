/**
 * The local-filesystem layer of the shadow server, independent of the wire protocol's messages and
 * transport (it uses only protocol's pure helpers: the "."/".." test of
 * {@link io.rowfs.protocol.nfs3.Filename}, {@link io.rowfs.protocol.nfs3.CookieHash} and the handle
 * layout): file handles
 * (codec and MAC), the persistent inode table and the inode-to-path resolver, name checks that keep
 * every operation inside the export, attribute reading, directory cookies, write and exclusive-create
 * verifiers, the open-file cache, the pool of reusable inodes and the I/O executor. Errors are
 * {@link java.io.IOException}s (standard NIO kinds or {@link io.rowfs.shadow.fs.FsException}); the NFS layer maps them to
 * statuses in one place.
 */
package io.rowfs.shadow.fs;
