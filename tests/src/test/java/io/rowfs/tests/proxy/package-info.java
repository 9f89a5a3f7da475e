/**
 * Whole-system tests of the redirect-on-write proxy against real peers: nfs-ganesha or the shadow
 * server (read-only) as main, the shadow server or nfs-ganesha as shadow, libnfs and the Linux
 * kernel client (QEMU) as clients. Each test gets its folders from
 * {@link io.rowfs.tests.proxy.ProxyPeerTestBase}, states how its back ends differ from the default
 * with {@link io.rowfs.tests.proxy.ProxyRig#builder}, and mostly runs against a
 * {@link io.rowfs.tests.proxy.ProxyStack} (back ends, an in-JVM proxy and a mounted
 * {@link io.rowfs.tests.proxy.ProxyClient}). Every test runs twice: with the shadow server as
 * shadow, and with the shadow directory served in the proxy's process
 * ({@link io.rowfs.tests.proxy.ShadowKind}; surefire execution {@code proxy-local-shadow}).
 */
package io.rowfs.tests.proxy;
