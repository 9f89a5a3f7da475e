/**
 * MOUNT version 3 (RFC 1813 appendix I, program 100005): codecs for its procedures, the
 * {@link io.rowfs.protocol.mount.MountService} extension point that the shadow server and the proxy
 * implement, the {@link io.rowfs.protocol.mount.MountProgram} that serves it, and a typed
 * {@link io.rowfs.protocol.mount.MountClient}. Only version 3 is served: v1/v2 return 32-byte
 * NFSv2 handles, useless to an NFSv3-only server.
 */
package io.rowfs.protocol.mount;
