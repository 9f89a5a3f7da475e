/**
 * NFS version 3 (RFC 1813) messages, their XDR codecs in both directions, and the server SPI.
 *
 * <ul>
 *   <li>Data types: {@link io.rowfs.protocol.nfs3.FileHandle}, {@link io.rowfs.protocol.nfs3.Fattr3},
 *       {@link io.rowfs.protocol.nfs3.Sattr3}, {@link io.rowfs.protocol.nfs3.WccData}... one small
 *       class per XDR type, each with {@code encode(XdrEncoder)} and {@code static decode(XdrDecoder)}.
 *   <li>Messages: one record per procedure argument ({@code XxxArgs}) and result ({@code XxxResult}).
 *       Results are flat: the status plus the fields of the resok arm (null or zero when the status
 *       is not OK) and of the resfail arm. Factories {@code ok(...)} / {@code fail(...)} build them.
 *   <li>Server SPI: {@link io.rowfs.protocol.nfs3.Nfs3Service}, one asynchronous call for any
 *       procedure, which servers build as an {@link io.rowfs.protocol.nfs3.Nfs3Routes} table (each
 *       procedure: a handler, and the server's threading);
 *       {@link io.rowfs.protocol.nfs3.Nfs3Dispatcher} decodes arguments, calls the service and turns
 *       every failure into the procedure's failure result in one place.
 *   <li>{@link io.rowfs.protocol.nfs3.Nfs3Program}: the service as an ONC RPC program (100003 v3)
 *       for {@link io.rowfs.protocol.transport.RpcServer}; it answers NULL itself.
 *   <li>{@link io.rowfs.protocol.nfs3.Nfs3Client}: typed calls over an
 *       {@link io.rowfs.protocol.client.RpcClient}, for the proxy and for tests.
 *   <li>{@link io.rowfs.protocol.nfs3.Nfs3Procedure}: the one table tying each procedure number to
 *       its argument and result codecs and the failure result.
 *   <li>{@link io.rowfs.protocol.nfs3.DirListBudget}: fills READDIR(PLUS) replies exactly up to the
 *       client's count / dircount / maxcount.
 *   <li>What rowfs's two servers (shadow server and proxy) share beyond the wire format:
 *       {@link io.rowfs.protocol.nfs3.MacHandleCodec}, the 32-byte layout and MAC of their file
 *       handles; {@link io.rowfs.protocol.nfs3.CookieHash}, the hash their stateless READDIR
 *       cookies start from; and the one "." / ".." test, on {@link io.rowfs.protocol.nfs3.Filename}.
 * </ul>
 *
 * <p>Buffers: WRITE arguments and READ results carry their data as a {@link io.netty.buffer.ByteBuf}
 * (a retained slice when decoded); the holder calls {@code release()} once. On the server the
 * dispatcher does it for both; see {@link io.rowfs.protocol.nfs3.Nfs3Service}.
 *
 * <p>Names and paths are raw bytes ({@link io.rowfs.protocol.nfs3.Filename},
 * {@link io.rowfs.protocol.nfs3.NfsPath}): NFS names are byte strings, not necessarily UTF-8, and a
 * proxy must pass them through unchanged. XDR {@code uint32} fields are Java {@code int}s holding
 * the raw 32 bits (use {@link java.lang.Integer#toUnsignedLong}); {@code uint64} fields are
 * {@code long}s (compare with {@link java.lang.Long#compareUnsigned}).
 *
 * <p>Decoding errors: malformed XDR is an {@link io.rowfs.protocol.xdr.XdrException} (RPC
 * GARBAGE_ARGS); well-formed XDR that NFS rejects (a handle over 64 bytes, a name over 255 bytes,
 * a path over 1024 bytes) is an {@link io.rowfs.protocol.nfs3.NfsException} carrying
 * NFS3ERR_BADHANDLE or NFS3ERR_NAMETOOLONG, answered with the procedure's failure result.
 */
package io.rowfs.protocol.nfs3;
