/**
 * NFSv3 and MOUNT v3 over a {@link io.rowfs.shadow.fs.ShadowFs}: one small class per procedure
 * (each a blocking {@link io.rowfs.shadow.nfs.Procedure} run on the I/O executor), the service that
 * moves them off the event loop, the attribute conversion and the single mapping from I/O
 * exceptions to NFS3 statuses ({@link io.rowfs.shadow.nfs.Statuses}).
 */
package io.rowfs.shadow.nfs;
