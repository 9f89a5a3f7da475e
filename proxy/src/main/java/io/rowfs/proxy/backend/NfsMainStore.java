package io.rowfs.proxy.backend;

import io.rowfs.proxy.threading.Await;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.FsinfoArgs;
import io.rowfs.protocol.nfs3.FsinfoResult;
import io.rowfs.protocol.nfs3.GetattrArgs;
import io.rowfs.protocol.nfs3.GetattrResult;
import io.rowfs.protocol.nfs3.LookupArgs;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.ReaddirplusArgs;
import io.rowfs.protocol.nfs3.ReaddirplusResult;
import io.rowfs.protocol.nfs3.ReadlinkArgs;
import io.rowfs.protocol.nfs3.ReadlinkResult;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.proxy.cache.MainSource;
import io.rowfs.proxy.cache.NfsMainSource;
import io.rowfs.proxy.store.MainStore;

/**
 * The main store on a read-only NFSv3 server. It sends read procedures only (GETATTR, LOOKUP,
 * READLINK, READ through {@link #dataSource()}, READDIRPLUS, FSINFO) and keeps its NFS client
 * private, so no code path of the proxy can send a mutating procedure to main. Blocking: call on
 * worker threads.
 */
public final class NfsMainStore implements MainStore {
    private final BackendConnection c;
    private final MainSource data;

    public NfsMainStore(BackendConnection connection) {
        this.c = connection;
        this.data = new NfsMainSource(connection.nfs, connection.credentials);
    }

    @Override
    public FileHandle root() {
        return c.root;
    }

    @Override
    public Fattr3 getattr(FileHandle fh) {
        GetattrResult r = Await.get(() -> c.sync.getattr(c.credentials, new GetattrArgs(fh)), c.timeout, "main GETATTR");
        Await.check(r.status(), "main GETATTR");
        return r.attributes();
    }

    /** LOOKUP; a NOENT result is returned, not thrown. */
    @Override
    public LookupResult lookup(FileHandle dir, Filename name) {
        return Await.get(() -> c.sync.lookup(c.credentials, new LookupArgs(dir, name)), c.timeout, "main LOOKUP");
    }

    @Override
    public NfsPath readlink(FileHandle fh) {
        ReadlinkResult r = Await.get(() -> c.sync.readlink(c.credentials, new ReadlinkArgs(fh)), c.timeout, "main READLINK");
        Await.check(r.status(), "main READLINK");
        return r.data();
    }

    @Override
    public ReaddirplusResult readdirplus(FileHandle dir, long cookie, Verifier verifier) {
        ReaddirplusResult r = Await.get(() -> c.sync.readdirplus(c.credentials,
                new ReaddirplusArgs(dir, cookie, verifier, 32 * 1024, 256 * 1024)), c.timeout, "main READDIRPLUS");
        Await.check(r.status(), "main READDIRPLUS");
        return r;
    }

    @Override
    public FsinfoResult fsinfo() {
        FsinfoResult r = Await.get(() -> c.sync.fsinfo(c.credentials, new FsinfoArgs(c.root)), c.timeout, "main FSINFO");
        Await.check(r.status(), "main FSINFO");
        return r;
    }

    /** File data of main (asynchronous NFS READ), for the main-data fetcher and cache. */
    @Override
    public MainSource dataSource() {
        return data;
    }
}
