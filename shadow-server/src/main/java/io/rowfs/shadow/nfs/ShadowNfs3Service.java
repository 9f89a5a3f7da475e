package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.HandleCodec;
import io.rowfs.shadow.fs.IoExecutor;
import io.rowfs.shadow.fs.ShadowFs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * The shadow server's {@link Nfs3Service}: every procedure runs its blocking body on the
 * {@link IoExecutor} stripe of the inode its (first) handle names, so that work on one file or
 * directory keeps its order and nothing blocks the event loop. Failures become
 * {@link NfsException}s through {@link Statuses}.
 */
public final class ShadowNfs3Service implements Nfs3Service {
    private final IoExecutor io;
    private final Getattr getattrProc;
    private final Setattr setattrProc;
    private final Lookup lookupProc;
    private final AccessProc accessProc;
    private final Readlink readlinkProc;
    private final Read readProc;
    private final Write writeProc;
    private final Create createProc;
    private final Mkdir mkdirProc;
    private final Symlink symlinkProc;
    private final Mknod mknodProc;
    private final Remove removeProc;
    private final Rmdir rmdirProc;
    private final Rename renameProc;
    private final Link linkProc;
    private final Readdir readdirProc;
    private final Readdirplus readdirplusProc;
    private final Fsstat fsstatProc;
    private final Fsinfo fsinfoProc;
    private final Pathconf pathconfProc;
    private final Commit commitProc;

    public ShadowNfs3Service(ShadowFs fs, IoExecutor io) {
        this.io = io;
        ShadowContext c = new ShadowContext(fs);
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

    private <A, R> CompletionStage<R> run(FileHandle h, Procedure<A, R> p, NfsContext ctx, A args) {
        return io.submit(key(h), () -> {
            try {
                return p.run(ctx, args);
            } catch (IOException e) {
                throw Statuses.nfs(e);
            }
        });
    }

    /** The inode number inside a well-formed handle (not yet authenticated: only picks a stripe). */
    static long key(FileHandle h) {
        if (h.length() != HandleCodec.LENGTH) {
            return 0;
        }
        return ByteBuffer.wrap(h.bytes()).getLong(4);
    }

    @Override
    public CompletionStage<GetattrResult> getattr(NfsContext ctx, GetattrArgs args) {
        return run(args.object(), getattrProc, ctx, args);
    }

    @Override
    public CompletionStage<SetattrResult> setattr(NfsContext ctx, SetattrArgs args) {
        return run(args.object(), setattrProc, ctx, args);
    }

    @Override
    public CompletionStage<LookupResult> lookup(NfsContext ctx, LookupArgs args) {
        return run(args.dir(), lookupProc, ctx, args);
    }

    @Override
    public CompletionStage<AccessResult> access(NfsContext ctx, AccessArgs args) {
        return run(args.object(), accessProc, ctx, args);
    }

    @Override
    public CompletionStage<ReadlinkResult> readlink(NfsContext ctx, ReadlinkArgs args) {
        return run(args.symlink(), readlinkProc, ctx, args);
    }

    @Override
    public CompletionStage<ReadResult> read(NfsContext ctx, ReadArgs args) {
        return run(args.file(), readProc, ctx, args);
    }

    @Override
    public CompletionStage<WriteResult> write(NfsContext ctx, WriteArgs args) {
        return run(args.file(), writeProc, ctx, args);
    }

    @Override
    public CompletionStage<CreateResult> create(NfsContext ctx, CreateArgs args) {
        return run(args.dir(), createProc, ctx, args);
    }

    @Override
    public CompletionStage<MkdirResult> mkdir(NfsContext ctx, MkdirArgs args) {
        return run(args.dir(), mkdirProc, ctx, args);
    }

    @Override
    public CompletionStage<SymlinkResult> symlink(NfsContext ctx, SymlinkArgs args) {
        return run(args.dir(), symlinkProc, ctx, args);
    }

    @Override
    public CompletionStage<MknodResult> mknod(NfsContext ctx, MknodArgs args) {
        return run(args.dir(), mknodProc, ctx, args);
    }

    @Override
    public CompletionStage<RemoveResult> remove(NfsContext ctx, RemoveArgs args) {
        return run(args.dir(), removeProc, ctx, args);
    }

    @Override
    public CompletionStage<RmdirResult> rmdir(NfsContext ctx, RmdirArgs args) {
        return run(args.dir(), rmdirProc, ctx, args);
    }

    @Override
    public CompletionStage<RenameResult> rename(NfsContext ctx, RenameArgs args) {
        return run(args.fromDir(), renameProc, ctx, args);
    }

    @Override
    public CompletionStage<LinkResult> link(NfsContext ctx, LinkArgs args) {
        return run(args.dir(), linkProc, ctx, args);
    }

    @Override
    public CompletionStage<ReaddirResult> readdir(NfsContext ctx, ReaddirArgs args) {
        return run(args.dir(), readdirProc, ctx, args);
    }

    @Override
    public CompletionStage<ReaddirplusResult> readdirplus(NfsContext ctx, ReaddirplusArgs args) {
        return run(args.dir(), readdirplusProc, ctx, args);
    }

    @Override
    public CompletionStage<FsstatResult> fsstat(NfsContext ctx, FsstatArgs args) {
        return run(args.root(), fsstatProc, ctx, args);
    }

    @Override
    public CompletionStage<FsinfoResult> fsinfo(NfsContext ctx, FsinfoArgs args) {
        return run(args.root(), fsinfoProc, ctx, args);
    }

    @Override
    public CompletionStage<PathconfResult> pathconf(NfsContext ctx, PathconfArgs args) {
        return run(args.object(), pathconfProc, ctx, args);
    }

    @Override
    public CompletionStage<CommitResult> commit(NfsContext ctx, CommitArgs args) {
        return run(args.file(), commitProc, ctx, args);
    }
}
