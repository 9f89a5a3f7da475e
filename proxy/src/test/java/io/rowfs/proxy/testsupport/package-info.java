/** Helpers shared by the proxy's unit tests. */
package io.rowfs.proxy.testsupport;
