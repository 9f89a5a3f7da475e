package io.rowfs.proxy.store;

import io.rowfs.protocol.nfs3.CommitArgs;
import io.rowfs.protocol.nfs3.CommitResult;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FsinfoArgs;
import io.rowfs.protocol.nfs3.FsinfoResult;
import io.rowfs.protocol.nfs3.FsstatArgs;
import io.rowfs.protocol.nfs3.FsstatResult;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.GetattrResult;
import io.rowfs.protocol.nfs3.LinkArgs;
import io.rowfs.protocol.nfs3.LinkResult;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.MkdirArgs;
import io.rowfs.protocol.nfs3.MknodArgs;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.nfs3.ReadlinkArgs;
import io.rowfs.protocol.nfs3.ReadlinkResult;
import io.rowfs.protocol.nfs3.RemoveArgs;
import io.rowfs.protocol.nfs3.RemoveResult;
import io.rowfs.protocol.nfs3.RenameArgs;
import io.rowfs.protocol.nfs3.RenameResult;
import io.rowfs.protocol.nfs3.RmdirArgs;
import io.rowfs.protocol.nfs3.RmdirResult;
import io.rowfs.protocol.nfs3.SetattrArgs;
import io.rowfs.protocol.nfs3.SetattrResult;
import io.rowfs.protocol.nfs3.SymlinkArgs;
import io.rowfs.protocol.nfs3.WriteArgs;
import io.rowfs.protocol.nfs3.WriteResult;

/**
 * The writable shadow store, which receives every change of the merged file system: the NFSv3
 * procedures the proxy needs, made synchronously, with the store's results (status, handles,
 * post-op and wcc attributes) returned as they are, failures included: checking them, caching what
 * they report and ordering queued changes is {@link Shadow}'s job, the one class the proxy calls.
 * The proxy acts with its own (root) identity and sets owners explicitly.
 *
 * <p>Calls block (worker threads only); a store that cannot be reached throws {@link
 * io.rowfs.proxy.threading.BackendException}. A READ result's data must be released by the caller.
 * Adapters: {@code backend.NfsShadowStore} (an NFSv3 server), {@code backend.LocalShadowStore} (a directory,
 * in-process), an in-memory store in the tests.
 */
public interface ShadowStore {
    /** The root directory's handle. */
    FileHandle root();

    GetattrResult getattr(GetattrArgs args);

    SetattrResult setattr(SetattrArgs args);

    LookupResult lookup(LookupArgs args);

    ReadlinkResult readlink(ReadlinkArgs args);

    ReadResult read(ReadArgs args);

    WriteResult write(WriteArgs args);

    CommitResult commit(CommitArgs args);

    NewObjectResult create(CreateArgs args);

    NewObjectResult mkdir(MkdirArgs args);

    NewObjectResult symlink(SymlinkArgs args);

    NewObjectResult mknod(MknodArgs args);

    RemoveResult remove(RemoveArgs args);

    RmdirResult rmdir(RmdirArgs args);

    RenameResult rename(RenameArgs args);

    LinkResult link(LinkArgs args);

    FsstatResult fsstat(FsstatArgs args);

    FsinfoResult fsinfo(FsinfoArgs args);
}
