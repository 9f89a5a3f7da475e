/**
 * The redirect-on-write core: {@link io.rowfs.proxy.core.Namespace} (handles to objects, merged
 * lookup and listing with whiteouts, lazy copy-up into the shadow), {@link
 * io.rowfs.proxy.core.Attributes} (virtual attributes), {@link io.rowfs.proxy.core.FileData}
 * (block-redirected read, write, truncate, commit), and small pure helpers: directory cookies,
 * listing merge, ACCESS computation, the write verifier.
 */
package io.rowfs.proxy.core;
