package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.rpc.RpcCall;
import io.rowfs.protocol.rpc.RpcProgram;
import io.rowfs.protocol.rpc.RpcReplier;
import io.rowfs.protocol.rpc.XdrWriter;
import java.util.Objects;

/**
 * NFS (program 100003) version 3 as an {@link RpcProgram}: NULL is answered here, procedures 1-21
 * go through {@link Nfs3Dispatcher} to the {@link Nfs3Service}, and each result is encoded and
 * released when the service completes, on whichever thread that is. Malformed arguments escape as
 * {@link io.rowfs.protocol.xdr.XdrException} from {@link #call} (GARBAGE_ARGS). Thread-safe.
 */
public final class Nfs3Program implements RpcProgram {
    private final Nfs3Dispatcher dispatcher;

    public Nfs3Program(Nfs3Service service) {
        this.dispatcher = new Nfs3Dispatcher(Objects.requireNonNull(service, "service"));
    }

    @Override
    public int program() {
        return Nfs3.PROGRAM;
    }

    @Override
    public int lowVersion() {
        return Nfs3.VERSION;
    }

    @Override
    public int highVersion() {
        return Nfs3.VERSION;
    }

    @Override
    public boolean hasProcedure(int version, int procedure) {
        return version == Nfs3.VERSION
                && (procedure == Nfs3Procedure.NULL || Nfs3Procedure.byNumber(procedure) != null);
    }

    @Override
    public void call(RpcCall call, RpcReplier replier) {
        if (call.procedure() == Nfs3Procedure.NULL) {
            replier.success(XdrWriter.VOID);
            return;
        }
        Nfs3Procedure<?, ?> proc = Nfs3Procedure.byNumber(call.procedure());
        if (proc == null) {
            replier.procUnavailable();
            return;
        }
        dispatcher.dispatch(proc, call.args(), NfsContext.of(call))
                .thenAccept(result -> reply(result, replier));
    }

    private static void reply(Nfs3Result result, RpcReplier replier) {
        try {
            replier.success(XdrWriter.sized(result::encode, result.encodedSizeHint()));
        } finally {
            result.release();
        }
    }
}
