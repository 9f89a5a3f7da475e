/**
 * The proxy's durable metadata: the object table mapping each virtual object id to its main and
 * shadow handles, its parent and name, its type, flags and logical size. It is never evicted and
 * survives {@code kill -9}: clients keep using the virtual handles they hold after a restart.
 */
package io.rowfs.proxy.meta;
