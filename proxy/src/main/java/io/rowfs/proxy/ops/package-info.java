/**
 * One class per NFSv3 procedure group, each holding only that protocol logic over the {@link
 * io.rowfs.proxy.ops.ProxyFs} core: attributes and ACCESS, LOOKUP/READLINK, READ/WRITE/COMMIT,
 * READDIR(PLUS), CREATE/MKDIR/SYMLINK/MKNOD, REMOVE/RMDIR, RENAME/LINK, FSSTAT/FSINFO/PATHCONF.
 * Methods block (worker threads) and throw {@link io.rowfs.protocol.nfs3.NfsException} on failure.
 */
package io.rowfs.proxy.ops;
