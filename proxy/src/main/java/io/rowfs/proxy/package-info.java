/** The redirect-on-write proxy: virtual handles, block bitmaps, merged namespace, main-data cache. */
package io.rowfs.proxy;
