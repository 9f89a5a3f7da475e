/**
 * One class per NFSv3 procedure group, protocol translation only: decode what the procedure needs,
 * check the caller ({@code Names}, {@code Permissions}, asked for by the room through {@code
 * CallerChecks}), call the redirect-on-write room ({@link io.rowfs.proxy.row.Changes}, {@link
 * io.rowfs.proxy.row.FileData}) or the read side ({@code core}), build the reply. Groups: attributes
 * and ACCESS, LOOKUP/READLINK, READ/WRITE/COMMIT, READDIR(PLUS), CREATE/MKDIR/SYMLINK/MKNOD,
 * REMOVE/RMDIR, RENAME/LINK, FSSTAT/FSINFO/PATHCONF. No lock is taken and no store is called here.
 * Failures are {@link io.rowfs.protocol.nfs3.NfsException}s (with the reply's attributes or wcc
 * data attached) mapped to statuses by {@code server.Errors}.
 */
package io.rowfs.proxy.ops;
