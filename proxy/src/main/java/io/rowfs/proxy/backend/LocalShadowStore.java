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
import io.rowfs.protocol.nfs3.Nfs3CallListener;
import io.rowfs.protocol.nfs3.Nfs3Procedure;
import io.rowfs.protocol.nfs3.NfsContext;
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
import io.rowfs.shadow.fs.ShadowFs;
import io.rowfs.shadow.nfs.ShadowProcedures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The shadow store in the proxy's own process: a local directory served by the shadow server's
 * file-system layer ({@link ShadowFs}) and procedure classes ({@link ShadowProcedures}), with no
 * RPC and no socket. Results are the ones the shadow server would send for the same call (status,
 * handles, post-op and wcc attributes, write verifier, FSSTAT, FSINFO), failures mapped by the
 * server's own {@code Statuses}; handles are the server's 32-byte MAC'd handles, so they survive
 * restarts as they do over NFS.
 *
 * <p>State (handle key, fsid, inode table, pool of reusable inodes) lives in its own directory,
 * the proxy's {@code STATE/shadow}; inodes of removed files are reused only when it is on the same
 * file system as the shadow directory.
 *
 * <p>Threading: each call runs on the calling proxy worker thread, the file system being
 * thread-safe; there is no I/O executor and no hand-off. The proxy orders what must be ordered
 * ({@code Shadow}: per name; per-object locks: a file's writes), as it does over NFS, where its
 * worker threads call over separate connections. Calls block: never on an event loop
 * ({@code Shadow} guards that). Each call is reported to the {@link Nfs3CallListener}, as an NFS
 * client reports it, so the metrics count shadow calls the same way.
 */
public final class LocalShadowStore implements ShadowStore, AutoCloseable {
    /** The proxy's identity towards the shadow (root; owners are set explicitly), as over NFS. */
    private static final NfsContext PROXY = NfsContext.authSys(0, null, "rowfs-proxy", 0, 0);
    /** Files kept open by the shadow layer (the shadow server's default). */
    private static final int OPEN_FILES = 256;
    /** The export id inside handles (the shadow server's default). */
    private static final int EXPORT_ID = 1;

    private final ShadowFs fs;
    private final ShadowProcedures procedures;
    private final FileHandle root;
    private final Nfs3CallListener calls;

    private LocalShadowStore(ShadowFs fs, Nfs3CallListener calls) {
        this.fs = fs;
        this.procedures = ShadowProcedures.blocking(fs);
        this.root = procedures.root();
        this.calls = calls;
    }

    /**
     * Opens the shadow directory {@code dir} (created if missing) with its state in {@code stateDir}
     * (created if missing); {@code calls} is told of each call. A {@code dir} that exists but is not
     * a directory is refused with a message naming it.
     */
    public static LocalShadowStore open(Path dir, Path stateDir, Nfs3CallListener calls) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("the shadow directory " + dir + " is not a directory: name a directory"
                    + " (it is created if missing)");
        }
        Files.createDirectories(dir);
        ShadowFs fs = new ShadowFs(dir, stateDir, false, EXPORT_ID, OPEN_FILES, ShadowFs.DEFAULT_POOLED_INODES,
                Clock.systemUTC());
        return new LocalShadowStore(fs, calls);
    }

    /** The shadow directory (its real path). */
    public Path directory() {
        return fs.root();
    }

    @Override
    public FileHandle root() {
        return root;
    }

    @Override
    public GetattrResult getattr(GetattrArgs args) {
        calls.calling(Nfs3Procedure.GETATTR);
        return procedures.getattr(PROXY, args);
    }

    @Override
    public SetattrResult setattr(SetattrArgs args) {
        calls.calling(Nfs3Procedure.SETATTR);
        return procedures.setattr(PROXY, args);
    }

    @Override
    public LookupResult lookup(LookupArgs args) {
        calls.calling(Nfs3Procedure.LOOKUP);
        return procedures.lookup(PROXY, args);
    }

    @Override
    public ReadlinkResult readlink(ReadlinkArgs args) {
        calls.calling(Nfs3Procedure.READLINK);
        return procedures.readlink(PROXY, args);
    }

    @Override
    public ReadResult read(ReadArgs args) {
        calls.calling(Nfs3Procedure.READ);
        return procedures.read(PROXY, args);
    }

    @Override
    public WriteResult write(WriteArgs args) {
        calls.calling(Nfs3Procedure.WRITE);
        return procedures.write(PROXY, args);
    }

    @Override
    public CommitResult commit(CommitArgs args) {
        calls.calling(Nfs3Procedure.COMMIT);
        return procedures.commit(PROXY, args);
    }

    @Override
    public NewObjectResult create(CreateArgs args) {
        calls.calling(Nfs3Procedure.CREATE);
        return procedures.create(PROXY, args);
    }

    @Override
    public NewObjectResult mkdir(MkdirArgs args) {
        calls.calling(Nfs3Procedure.MKDIR);
        return procedures.mkdir(PROXY, args);
    }

    @Override
    public NewObjectResult symlink(SymlinkArgs args) {
        calls.calling(Nfs3Procedure.SYMLINK);
        return procedures.symlink(PROXY, args);
    }

    @Override
    public NewObjectResult mknod(MknodArgs args) {
        calls.calling(Nfs3Procedure.MKNOD);
        return procedures.mknod(PROXY, args);
    }

    @Override
    public RemoveResult remove(RemoveArgs args) {
        calls.calling(Nfs3Procedure.REMOVE);
        return procedures.remove(PROXY, args);
    }

    @Override
    public RmdirResult rmdir(RmdirArgs args) {
        calls.calling(Nfs3Procedure.RMDIR);
        return procedures.rmdir(PROXY, args);
    }

    @Override
    public RenameResult rename(RenameArgs args) {
        calls.calling(Nfs3Procedure.RENAME);
        return procedures.rename(PROXY, args);
    }

    @Override
    public LinkResult link(LinkArgs args) {
        calls.calling(Nfs3Procedure.LINK);
        return procedures.link(PROXY, args);
    }

    @Override
    public FsstatResult fsstat(FsstatArgs args) {
        calls.calling(Nfs3Procedure.FSSTAT);
        return procedures.fsstat(PROXY, args);
    }

    @Override
    public FsinfoResult fsinfo(FsinfoArgs args) {
        calls.calling(Nfs3Procedure.FSINFO);
        return procedures.fsinfo(PROXY, args);
    }

    /** Closes the file system (open files, inode table); call after the last call returned. */
    @Override
    public void close() throws IOException {
        fs.close();
    }
}
