package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.client.RpcCaller;
import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.protocol.rpc.XdrWriter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Typed NFSv3 calls over an {@link RpcCaller} (an {@link RpcClient}, or {@link io.rowfs.protocol.client.ThreadConnections}; the caller owns and closes it). Thread-safe;
 * calls are pipelined on the client's connection.
 *
 * <p>Arguments are encoded before each method returns: the caller keeps ownership of
 * {@link WriteArgs} data and may release it as soon as the call is made. A {@link ReadResult}
 * holds a retained slice of the reply, which the caller must {@link ReadResult#release()}.
 * Futures fail with the RpcClient's exceptions (timeout, connection lost, a reply state other
 * than SUCCESS), with {@link io.rowfs.protocol.xdr.XdrException} for malformed results, or with
 * {@link NfsException} for results NFS forbids (a handle over 64 bytes, a name over 255 bytes).
 * NFS failures are not exceptions: they are results whose {@code status()} is not OK.
 */
public final class Nfs3Client {
    private final RpcCaller rpc;
    private final Nfs3CallListener listener;

    public Nfs3Client(RpcCaller rpc) {
        this(rpc, Nfs3CallListener.NONE);
    }

    /** A client that tells {@code listener} of each call it makes (for metrics). */
    public Nfs3Client(RpcCaller rpc, Nfs3CallListener listener) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.listener = listener;
    }

    /** The NULL procedure: completes when the server answers. */
    public CompletableFuture<Void> ping(Credentials cred) {
        return rpc.call(Nfs3.PROGRAM, Nfs3.VERSION, Nfs3Procedure.NULL, cred, XdrWriter.VOID,
                in -> null);
    }

    /** Calls any procedure of the table. */
    public <A extends Nfs3Args, R extends Nfs3Result> CompletableFuture<R> call(
            Nfs3Procedure<A, R> proc, Credentials cred, A args) {
        listener.calling(proc);
        return rpc.call(Nfs3.PROGRAM, Nfs3.VERSION, proc.number(), cred, args::encode,
                proc::decodeResult);
    }

    public CompletableFuture<GetattrResult> getattr(Credentials cred, GetattrArgs args) {
        return call(Nfs3Procedure.GETATTR, cred, args);
    }

    public CompletableFuture<SetattrResult> setattr(Credentials cred, SetattrArgs args) {
        return call(Nfs3Procedure.SETATTR, cred, args);
    }

    public CompletableFuture<LookupResult> lookup(Credentials cred, LookupArgs args) {
        return call(Nfs3Procedure.LOOKUP, cred, args);
    }

    public CompletableFuture<AccessResult> access(Credentials cred, AccessArgs args) {
        return call(Nfs3Procedure.ACCESS, cred, args);
    }

    public CompletableFuture<ReadlinkResult> readlink(Credentials cred, ReadlinkArgs args) {
        return call(Nfs3Procedure.READLINK, cred, args);
    }

    public CompletableFuture<ReadResult> read(Credentials cred, ReadArgs args) {
        return call(Nfs3Procedure.READ, cred, args);
    }

    public CompletableFuture<WriteResult> write(Credentials cred, WriteArgs args) {
        return call(Nfs3Procedure.WRITE, cred, args);
    }

    public CompletableFuture<NewObjectResult> create(Credentials cred, CreateArgs args) {
        return call(Nfs3Procedure.CREATE, cred, args);
    }

    public CompletableFuture<NewObjectResult> mkdir(Credentials cred, MkdirArgs args) {
        return call(Nfs3Procedure.MKDIR, cred, args);
    }

    public CompletableFuture<NewObjectResult> symlink(Credentials cred, SymlinkArgs args) {
        return call(Nfs3Procedure.SYMLINK, cred, args);
    }

    public CompletableFuture<NewObjectResult> mknod(Credentials cred, MknodArgs args) {
        return call(Nfs3Procedure.MKNOD, cred, args);
    }

    public CompletableFuture<RemoveResult> remove(Credentials cred, RemoveArgs args) {
        return call(Nfs3Procedure.REMOVE, cred, args);
    }

    public CompletableFuture<RmdirResult> rmdir(Credentials cred, RmdirArgs args) {
        return call(Nfs3Procedure.RMDIR, cred, args);
    }

    public CompletableFuture<RenameResult> rename(Credentials cred, RenameArgs args) {
        return call(Nfs3Procedure.RENAME, cred, args);
    }

    public CompletableFuture<LinkResult> link(Credentials cred, LinkArgs args) {
        return call(Nfs3Procedure.LINK, cred, args);
    }

    public CompletableFuture<ReaddirResult> readdir(Credentials cred, ReaddirArgs args) {
        return call(Nfs3Procedure.READDIR, cred, args);
    }

    public CompletableFuture<ReaddirplusResult> readdirplus(Credentials cred, ReaddirplusArgs args) {
        return call(Nfs3Procedure.READDIRPLUS, cred, args);
    }

    public CompletableFuture<FsstatResult> fsstat(Credentials cred, FsstatArgs args) {
        return call(Nfs3Procedure.FSSTAT, cred, args);
    }

    public CompletableFuture<FsinfoResult> fsinfo(Credentials cred, FsinfoArgs args) {
        return call(Nfs3Procedure.FSINFO, cred, args);
    }

    public CompletableFuture<PathconfResult> pathconf(Credentials cred, PathconfArgs args) {
        return call(Nfs3Procedure.PATHCONF, cred, args);
    }

    public CompletableFuture<CommitResult> commit(Credentials cred, CommitArgs args) {
        return call(Nfs3Procedure.COMMIT, cred, args);
    }
}
