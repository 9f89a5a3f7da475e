package io.rowfs.proxy.backend;

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
import io.rowfs.proxy.store.ShadowStore;
import io.rowfs.proxy.threading.Await;

/**
 * The shadow store on an NFSv3 server (the proxy's own export, mounted with MOUNT v3): each call is
 * one RPC on the calling worker's own connection, waited for with the connection's timeout.
 */
public final class NfsShadowStore implements ShadowStore {
    private final BackendConnection c;

    public NfsShadowStore(BackendConnection connection) {
        this.c = connection;
    }

    @Override
    public FileHandle root() {
        return c.root;
    }

    @Override
    public GetattrResult getattr(GetattrArgs args) {
        return Await.get(() -> c.sync.getattr(c.credentials, args), c.timeout, "shadow GETATTR");
    }

    @Override
    public SetattrResult setattr(SetattrArgs args) {
        return Await.get(() -> c.sync.setattr(c.credentials, args), c.timeout, "shadow SETATTR");
    }

    @Override
    public LookupResult lookup(LookupArgs args) {
        return Await.get(() -> c.sync.lookup(c.credentials, args), c.timeout, "shadow LOOKUP");
    }

    @Override
    public ReadlinkResult readlink(ReadlinkArgs args) {
        return Await.get(() -> c.sync.readlink(c.credentials, args), c.timeout, "shadow READLINK");
    }

    @Override
    public ReadResult read(ReadArgs args) {
        return Await.get(() -> c.sync.read(c.credentials, args), c.timeout, "shadow READ");
    }

    @Override
    public WriteResult write(WriteArgs args) {
        return Await.get(() -> c.sync.write(c.credentials, args), c.timeout, "shadow WRITE");
    }

    @Override
    public CommitResult commit(CommitArgs args) {
        return Await.get(() -> c.sync.commit(c.credentials, args), c.timeout, "shadow COMMIT");
    }

    @Override
    public NewObjectResult create(CreateArgs args) {
        return Await.get(() -> c.sync.create(c.credentials, args), c.timeout, "shadow CREATE");
    }

    @Override
    public NewObjectResult mkdir(MkdirArgs args) {
        return Await.get(() -> c.sync.mkdir(c.credentials, args), c.timeout, "shadow MKDIR");
    }

    @Override
    public NewObjectResult symlink(SymlinkArgs args) {
        return Await.get(() -> c.sync.symlink(c.credentials, args), c.timeout, "shadow SYMLINK");
    }

    @Override
    public NewObjectResult mknod(MknodArgs args) {
        return Await.get(() -> c.sync.mknod(c.credentials, args), c.timeout, "shadow MKNOD");
    }

    @Override
    public RemoveResult remove(RemoveArgs args) {
        return Await.get(() -> c.sync.remove(c.credentials, args), c.timeout, "shadow REMOVE");
    }

    @Override
    public RmdirResult rmdir(RmdirArgs args) {
        return Await.get(() -> c.sync.rmdir(c.credentials, args), c.timeout, "shadow RMDIR");
    }

    @Override
    public RenameResult rename(RenameArgs args) {
        return Await.get(() -> c.sync.rename(c.credentials, args), c.timeout, "shadow RENAME");
    }

    @Override
    public LinkResult link(LinkArgs args) {
        return Await.get(() -> c.sync.link(c.credentials, args), c.timeout, "shadow LINK");
    }

    @Override
    public FsstatResult fsstat(FsstatArgs args) {
        return Await.get(() -> c.sync.fsstat(c.credentials, args), c.timeout, "shadow FSSTAT");
    }

    @Override
    public FsinfoResult fsinfo(FsinfoArgs args) {
        return Await.get(() -> c.sync.fsinfo(c.credentials, args), c.timeout, "shadow FSINFO");
    }
}
