package io.rowfs.protocol.nfs3;

import java.util.concurrent.CompletionStage;

/**
 * The NFSv3 server SPI: one asynchronous method per procedure of RFC 1813 (NULL is answered by
 * the dispatcher). Implemented by the shadow server and by the proxy; called by
 * {@link Nfs3Dispatcher}.
 *
 * <p>Contract for every method:
 * <ul>
 *   <li>It may be called on an event-loop thread: do not block; move disk or network waits
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
public interface Nfs3Service {
    CompletionStage<GetattrResult> getattr(NfsContext ctx, GetattrArgs args);

    CompletionStage<SetattrResult> setattr(NfsContext ctx, SetattrArgs args);

    CompletionStage<LookupResult> lookup(NfsContext ctx, LookupArgs args);

    CompletionStage<AccessResult> access(NfsContext ctx, AccessArgs args);

    CompletionStage<ReadlinkResult> readlink(NfsContext ctx, ReadlinkArgs args);

    CompletionStage<ReadResult> read(NfsContext ctx, ReadArgs args);

    CompletionStage<WriteResult> write(NfsContext ctx, WriteArgs args);

    CompletionStage<NewObjectResult> create(NfsContext ctx, CreateArgs args);

    CompletionStage<NewObjectResult> mkdir(NfsContext ctx, MkdirArgs args);

    CompletionStage<NewObjectResult> symlink(NfsContext ctx, SymlinkArgs args);

    CompletionStage<NewObjectResult> mknod(NfsContext ctx, MknodArgs args);

    CompletionStage<RemoveResult> remove(NfsContext ctx, RemoveArgs args);

    CompletionStage<RmdirResult> rmdir(NfsContext ctx, RmdirArgs args);

    CompletionStage<RenameResult> rename(NfsContext ctx, RenameArgs args);

    CompletionStage<LinkResult> link(NfsContext ctx, LinkArgs args);

    CompletionStage<ReaddirResult> readdir(NfsContext ctx, ReaddirArgs args);

    CompletionStage<ReaddirplusResult> readdirplus(NfsContext ctx, ReaddirplusArgs args);

    CompletionStage<FsstatResult> fsstat(NfsContext ctx, FsstatArgs args);

    CompletionStage<FsinfoResult> fsinfo(NfsContext ctx, FsinfoArgs args);

    CompletionStage<PathconfResult> pathconf(NfsContext ctx, PathconfArgs args);

    CompletionStage<CommitResult> commit(NfsContext ctx, CommitArgs args);
}
