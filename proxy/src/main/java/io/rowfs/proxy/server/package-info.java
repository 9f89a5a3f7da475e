/**
 * The proxy as a server: {@link io.rowfs.proxy.server.ProxyServer} serves a {@code
 * engine.ProxyEngine} over NFSv3/MOUNT/portmap and metrics HTTP; {@link
 * io.rowfs.proxy.server.ProxyNfs3Service} moves each call to a worker thread and hands it to its
 * procedure class in {@code io.rowfs.proxy.ops}; {@code Errors} is the one place mapping failures to
 * NFS statuses; {@link io.rowfs.proxy.server.ProxyCommand} is {@code rowfs proxy}.
 */
package io.rowfs.proxy.server;
