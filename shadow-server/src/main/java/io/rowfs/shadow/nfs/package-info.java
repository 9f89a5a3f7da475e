/**
 * NFSv3 and MOUNT v3 over a {@link io.rowfs.shadow.fs.ShadowFs}: one small class per procedure
 * (each a blocking {@link io.rowfs.shadow.nfs.Procedure}), held by
 * {@link io.rowfs.shadow.nfs.ShadowProcedures}, which also offers them as blocking calls to a user
 * in the same process (no RPC); the service that runs them on the I/O executor, off the event loop;
 * the attribute conversion and the single mapping from I/O exceptions to NFS3 statuses
 * ({@link io.rowfs.shadow.nfs.Statuses}). Two memory caches let the event loop answer without a
 * syscall or a hand-off: the attribute and name cache ({@link io.rowfs.shadow.nfs.AttrCache}:
 * GETATTR, LOOKUP, ACCESS) and sequential read-ahead ({@link io.rowfs.shadow.nfs.ReadAhead}: READ);
 * procedures that change the export keep both coherent.
 */
package io.rowfs.shadow.nfs;
