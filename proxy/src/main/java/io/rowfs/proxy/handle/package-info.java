/**
 * Virtual file handles: the small, MAC-protected handles the proxy gives its clients. A virtual
 * handle names a virtual object id in the proxy's persistent object table; it never embeds a main
 * or shadow (physical) handle, so it stays valid across proxy restarts and back-end changes.
 */
package io.rowfs.proxy.handle;
