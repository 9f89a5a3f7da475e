package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.AccessArgs;
import io.rowfs.protocol.nfs3.AccessResult;
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
import io.rowfs.protocol.nfs3.Nfs3Procedure;
import io.rowfs.protocol.nfs3.Nfs3Result;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.PathconfArgs;
import io.rowfs.protocol.nfs3.PathconfResult;
import io.rowfs.protocol.nfs3.ReadArgs;
import io.rowfs.protocol.nfs3.ReadResult;
import io.rowfs.protocol.nfs3.ReaddirArgs;
import io.rowfs.protocol.nfs3.ReaddirResult;
import io.rowfs.protocol.nfs3.ReaddirplusArgs;
import io.rowfs.protocol.nfs3.ReaddirplusResult;
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
import io.rowfs.shadow.fs.ShadowFs;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow server's procedure classes, one instance each: {@link ShadowNfs3Service} runs them on
 * its I/O executor, and the public methods here run them as blocking calls on the caller's thread,
 * for a store in the same process as its user (the proxy's {@code LocalShadowStore}: no RPC, no
 * socket). Both go through the same procedure code and the same failure mapping ({@link Statuses},
 * then the procedure's failure result as {@link io.rowfs.protocol.nfs3.Nfs3Dispatcher} builds it),
 * so a result carries what the NFS server would answer: status, handles, post-op and wcc
 * attributes, the write verifier of this start, FSSTAT and FSINFO.
 *
 * <p>Threading: {@link ShadowFs} is thread-safe, and a blocking call runs on the caller's thread
 * without the server's per-inode ordering: callers order what must stay ordered (as an NFS client
 * with several connections must). An interrupt during a call may close a cached file channel
 * (NIO channels are interruptible): callers are interrupted only when they are being shut down.
 * A READ result's data belongs to the caller; WRITE data stays the caller's (it is not released).
 */
public final class ShadowProcedures {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowProcedures.class);

    final ShadowContext ctx;
    final Getattr getattrProc;
    final Setattr setattrProc;
    final Lookup lookupProc;
    final AccessProc accessProc;
    final Readlink readlinkProc;
    final Read readProc;
    final Write writeProc;
    final Create createProc;
    final Mkdir mkdirProc;
    final Symlink symlinkProc;
    final Mknod mknodProc;
    final Remove removeProc;
    final Rmdir rmdirProc;
    final Rename renameProc;
    final Link linkProc;
    final Readdir readdirProc;
    final Readdirplus readdirplusProc;
    final Fsstat fsstatProc;
    final Fsinfo fsinfoProc;
    final Pathconf pathconfProc;
    final Commit commitProc;

    ShadowProcedures(ShadowContext c) {
        this.ctx = c;
        this.getattrProc = new Getattr(c);
        this.setattrProc = new Setattr(c);
        this.lookupProc = new Lookup(c);
        this.accessProc = new AccessProc(c);
        this.readlinkProc = new Readlink(c);
        this.readProc = new Read(c);
        this.writeProc = new Write(c);
        this.createProc = new Create(c);
        this.mkdirProc = new Mkdir(c);
        this.symlinkProc = new Symlink(c);
        this.mknodProc = new Mknod(c);
        this.removeProc = new Remove(c);
        this.rmdirProc = new Rmdir(c);
        this.renameProc = new Rename(c);
        this.linkProc = new Link(c);
        this.readdirProc = new Readdir(c);
        this.readdirplusProc = new Readdirplus(c);
        this.fsstatProc = new Fsstat(c);
        this.fsinfoProc = new Fsinfo(c);
        this.pathconfProc = new Pathconf(c);
        this.commitProc = new Commit(c);
    }

    /**
     * The procedures over {@code fs} for blocking calls, with no attribute cache: a caller in the
     * same process keeps the attributes it needs itself.
     */
    public static ShadowProcedures blocking(ShadowFs fs) {
        return new ShadowProcedures(new ShadowContext(fs, new AttrCache(0, 1, Clock.systemUTC())));
    }

    /** The export root's handle, as MOUNT answers it. */
    public FileHandle root() {
        return FileHandle.of(ctx.fs.rootHandle());
    }

    public GetattrResult getattr(NfsContext c, GetattrArgs a) {
        return call(Nfs3Procedure.GETATTR, getattrProc, c, a);
    }

    public SetattrResult setattr(NfsContext c, SetattrArgs a) {
        return call(Nfs3Procedure.SETATTR, setattrProc, c, a);
    }

    public LookupResult lookup(NfsContext c, LookupArgs a) {
        return call(Nfs3Procedure.LOOKUP, lookupProc, c, a);
    }

    public AccessResult access(NfsContext c, AccessArgs a) {
        return call(Nfs3Procedure.ACCESS, accessProc, c, a);
    }

    public ReadlinkResult readlink(NfsContext c, ReadlinkArgs a) {
        return call(Nfs3Procedure.READLINK, readlinkProc, c, a);
    }

    public ReadResult read(NfsContext c, ReadArgs a) {
        return call(Nfs3Procedure.READ, readProc, c, a);
    }

    public WriteResult write(NfsContext c, WriteArgs a) {
        return call(Nfs3Procedure.WRITE, writeProc, c, a);
    }

    public NewObjectResult create(NfsContext c, CreateArgs a) {
        return call(Nfs3Procedure.CREATE, createProc, c, a);
    }

    public NewObjectResult mkdir(NfsContext c, MkdirArgs a) {
        return call(Nfs3Procedure.MKDIR, mkdirProc, c, a);
    }

    public NewObjectResult symlink(NfsContext c, SymlinkArgs a) {
        return call(Nfs3Procedure.SYMLINK, symlinkProc, c, a);
    }

    public NewObjectResult mknod(NfsContext c, MknodArgs a) {
        return call(Nfs3Procedure.MKNOD, mknodProc, c, a);
    }

    public RemoveResult remove(NfsContext c, RemoveArgs a) {
        return call(Nfs3Procedure.REMOVE, removeProc, c, a);
    }

    public RmdirResult rmdir(NfsContext c, RmdirArgs a) {
        return call(Nfs3Procedure.RMDIR, rmdirProc, c, a);
    }

    public RenameResult rename(NfsContext c, RenameArgs a) {
        return call(Nfs3Procedure.RENAME, renameProc, c, a);
    }

    public LinkResult link(NfsContext c, LinkArgs a) {
        return call(Nfs3Procedure.LINK, linkProc, c, a);
    }

    public ReaddirResult readdir(NfsContext c, ReaddirArgs a) {
        return call(Nfs3Procedure.READDIR, readdirProc, c, a);
    }

    public ReaddirplusResult readdirplus(NfsContext c, ReaddirplusArgs a) {
        return call(Nfs3Procedure.READDIRPLUS, readdirplusProc, c, a);
    }

    public FsstatResult fsstat(NfsContext c, FsstatArgs a) {
        return call(Nfs3Procedure.FSSTAT, fsstatProc, c, a);
    }

    public FsinfoResult fsinfo(NfsContext c, FsinfoArgs a) {
        return call(Nfs3Procedure.FSINFO, fsinfoProc, c, a);
    }

    public PathconfResult pathconf(NfsContext c, PathconfArgs a) {
        return call(Nfs3Procedure.PATHCONF, pathconfProc, c, a);
    }

    public CommitResult commit(NfsContext c, CommitArgs a) {
        return call(Nfs3Procedure.COMMIT, commitProc, c, a);
    }

    /**
     * Runs {@code p}; a failure becomes {@code proc}'s failure result exactly as over the wire: an
     * I/O error through {@link Statuses}, an {@link NfsException} with the attributes it carries,
     * anything else (a server bug) NFS3ERR_SERVERFAULT, logged at error.
     */
    private static <A, R extends Nfs3Result> R call(Nfs3Procedure<?, R> proc, Procedure<A, R> p, NfsContext c, A a) {
        try {
            return p.run(c, a);
        } catch (IOException e) {
            return proc.failure(Statuses.nfs(e));
        } catch (NfsException e) {
            return proc.failure(e);
        } catch (RuntimeException e) {
            LOG.error("NFS3 {}: unexpected failure, answering NFS3ERR_SERVERFAULT", proc, e);
            return proc.failure(new NfsException(Nfs3Status.SERVERFAULT, String.valueOf(e)));
        }
    }
}
