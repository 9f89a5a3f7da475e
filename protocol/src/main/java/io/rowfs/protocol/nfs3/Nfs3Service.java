package io.rowfs.protocol.nfs3;

import java.util.concurrent.CompletionStage;

/**
 * The NFSv3 server SPI: serves one call of any procedure of RFC 1813 (NULL is answered by the
 * dispatcher). Servers do not implement it procedure by procedure: they build an
 * {@link Nfs3Routes} from the {@link Nfs3Procedure} table, giving each procedure its handler and
 * their own threading. Called by {@link Nfs3Dispatcher}.
 *
 * <p>Contract for every call:
 * <ul>
 *   <li>It may be made on an event-loop thread: do not block; move disk or network waits
 *       elsewhere and complete the stage from any thread.
 *   <li>Failures: throw or complete exceptionally with {@link NfsException} (the dispatcher builds
 *       the procedure's failure result from it), or return a failure result directly when the
 *       resfail body needs more than NfsException carries. Any other exception is a server bug:
 *       the client gets NFS3ERR_SERVERFAULT and it is logged at error level.
 *   <li>Arguments stay valid until the returned stage completes; WRITE data is released by the
 *       dispatcher then ({@code retain()} it to keep it longer). A READ result's data is released
 *       by the dispatcher after it has been encoded.
 * </ul>
 */
@FunctionalInterface
public interface Nfs3Service {
    /** Serves one call of {@code proc} with its decoded {@code args}. */
    <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> call(Nfs3Procedure<A, R> proc, NfsContext ctx, A args);
}
