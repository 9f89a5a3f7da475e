package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the arguments of one NFSv3 call, calls the {@link Nfs3Service} and maps every failure to
 * the procedure's failure result. This is the one place where exceptions become NFS statuses:
 * <ul>
 *   <li>{@link NfsException} while decoding (handle over 64 bytes: BADHANDLE; name or path too
 *       long: NAMETOOLONG) is a bad client: logged at debug, answered with its status;
 *   <li>{@link NfsException} from the service is routine: not logged, answered with its status
 *       and the attributes it carries;
 *   <li>anything else from the service, or a null result, is a server bug: logged at error,
 *       answered with NFS3ERR_SERVERFAULT;
 *   <li>{@link io.rowfs.protocol.xdr.XdrException} while decoding is thrown to the caller (the
 *       RPC layer answers GARBAGE_ARGS).
 * </ul>
 * Thread-safe if the service is.
 */
public final class Nfs3Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Nfs3Dispatcher.class);

    private final Nfs3Service service;

    public Nfs3Dispatcher(Nfs3Service service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * Decodes the arguments from {@code in} before returning, then serves the call. The returned
     * stage always completes normally, with the service's result or a failure result; the caller
     * encodes it and then calls {@link Nfs3Result#release()}.
     *
     * @throws io.rowfs.protocol.xdr.XdrException if the arguments are malformed XDR
     */
    public <A extends Nfs3Args, R extends Nfs3Result> CompletionStage<R> dispatch(
            Nfs3Procedure<A, R> proc, XdrDecoder in, NfsContext ctx) {
        A args;
        try {
            args = proc.decodeArgs(in);
        } catch (NfsException e) {
            LOG.debug("NFS3 {} {}: rejected arguments: {}", proc, ctx, e.getMessage());
            return CompletableFuture.completedFuture(proc.failure(e));
        }
        CompletionStage<R> stage;
        try {
            stage = Objects.requireNonNull(service.call(proc, ctx, args), "service returned no stage");
        } catch (RuntimeException e) {
            args.release();
            return CompletableFuture.completedFuture(failure(proc, ctx, e));
        }
        return stage.handle((result, error) -> {
            args.release();
            if (error == null && result != null) {
                return result;
            }
            return failure(proc, ctx, error != null ? error : new NullPointerException("null result"));
        });
    }

    private static <R extends Nfs3Result> R failure(Nfs3Procedure<?, R> proc, NfsContext ctx,
            Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof NfsException e) {
            LOG.trace("NFS3 {} {}: {}", proc, ctx, e.status());
            return proc.failure(e);
        }
        LOG.error("NFS3 {} {}: unexpected failure, answering NFS3ERR_SERVERFAULT", proc, ctx, cause);
        return proc.failure(new NfsException(Nfs3Status.SERVERFAULT, String.valueOf(cause)));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
