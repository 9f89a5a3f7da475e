package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.NfsContext;
import java.io.IOException;

/**
 * The blocking body of one NFSv3 procedure, run on the I/O executor. It returns the success
 * result, or throws: an {@link IOException} (mapped by {@link Statuses}) or an
 * {@link io.rowfs.protocol.nfs3.NfsException} already carrying the wcc_data or attributes of the
 * failure body.
 */
interface Procedure<A, R> {
    R run(NfsContext ctx, A args) throws IOException;
}
