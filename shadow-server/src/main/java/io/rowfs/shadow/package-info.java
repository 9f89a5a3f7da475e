/**
 * The shadow server: an NFSv3 server over a local directory (the proxy's shadow store, or a
 * read-only main server in demos and tests), started by {@code rowfs shadow-server --export DIR
 * --listen ADDR:PORT [--read-only] [--portmap PORT] [--state DIR]}.
 *
 * <ul>
 *   <li>NFSv3 (all 22 procedures) and MOUNT v3 share one port, TCP and UDP; an embedded portmapper
 *       (port 111 when it can be bound, else ephemeral, or the given {@code --portmap} port; -1 for
 *       none) advertises both.</li>
 *   <li>File handles are 32 bytes: version, export id, inode number, generation and a truncated
 *       HMAC-SHA256 ({@link io.rowfs.shadow.fs.HandleCodec} over the layout of
 *       {@link io.rowfs.protocol.nfs3.MacHandleCodec}, which the proxy shares). They survive restarts (the key is
 *       persisted) and renames (the inode number does not change); forged ones are BADHANDLE, gone
 *       objects STALE.</li>
 *   <li>State: by default the directory {@code .rowfs-shadow} at the export root, hidden from
 *       READDIR, NOENT to LOOKUP and refused (ACCES) to every name-changing procedure; {@code --state}
 *       moves it elsewhere. It holds the handle key, the fsid and the inode table
 *       ({@link io.rowfs.shadow.fs.StateDir}).</li>
 *   <li>Blocking file work runs on a striped I/O executor (per-inode order), never on the event loop.</li>
 *   <li>Names are treated as UTF-8; the JVM must run with a UTF-8 {@code sun.jnu.encoding} (a UTF-8
 *       locale) for non-ASCII names. Permissions: the server runs with its own identity; ACCESS
 *       answers from the mode bits and the caller's AUTH_SYS ids, new objects are owned by the
 *       caller when the server runs as root, but other procedures do not enforce permissions.</li>
 * </ul>
 */
package io.rowfs.shadow;
