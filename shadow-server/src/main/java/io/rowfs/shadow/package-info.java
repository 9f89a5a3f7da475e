/** The shadow server: an NFSv3 server over a local directory (the shadow store, or a read-only main). */
package io.rowfs.shadow;
