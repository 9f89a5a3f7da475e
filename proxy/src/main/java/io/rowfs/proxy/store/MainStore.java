package io.rowfs.proxy.store;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.FsinfoResult;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.ReaddirplusResult;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.proxy.cache.MainSource;

/**
 * The read-only main image. Read-only by type: this interface has no mutating method, so no code
 * path of the proxy can change main. Handles are main's own (opaque to the proxy).
 *
 * <p>Calls block (worker threads only) and throw {@link io.rowfs.protocol.nfs3.NfsException} with
 * main's status on failure, or {@link io.rowfs.proxy.threading.BackendException} when main does not
 * answer; LOOKUP's NOENT is an ordinary answer. Adapters: {@code backend.NfsMainStore} (an NFSv3
 * server), an in-memory store in the tests.
 */
public interface MainStore {
    FileHandle root();

    Fattr3 getattr(FileHandle fh);

    /** LOOKUP; a NOENT result is returned, not thrown. */
    LookupResult lookup(FileHandle dir, Filename name);

    NfsPath readlink(FileHandle fh);

    /** One page of a directory's entries with handles and attributes, from {@code cookie} on. */
    ReaddirplusResult readdirplus(FileHandle dir, long cookie, Verifier verifier);

    FsinfoResult fsinfo();

    /** File data of main (asynchronous), for the main-data fetcher and cache. */
    MainSource dataSource();
}
