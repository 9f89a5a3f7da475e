package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One NFSv3 procedure: its number, its argument and result codecs, the {@link Nfs3Service} method
 * that serves it and how a failure becomes its result. The constants form the table that the
 * dispatcher and the client share (RFC 1813 section 3.3; NULL, procedure 0, has no messages and is
 * not in the table).
 *
 * @param <A> the argument record
 * @param <R> the result record
 */
public final class Nfs3Procedure<A extends Nfs3Args, R extends Nfs3Result> {
    /** The NULL procedure's number: no arguments, no results. */
    public static final int NULL = 0;

    public static final Nfs3Procedure<GetattrArgs, GetattrResult> GETATTR = new Nfs3Procedure<>(
            1, "GETATTR", GetattrArgs::decode, GetattrResult::decode, Nfs3Service::getattr,
            e -> GetattrResult.fail(e.status()));
    public static final Nfs3Procedure<SetattrArgs, SetattrResult> SETATTR = new Nfs3Procedure<>(
            2, "SETATTR", SetattrArgs::decode, SetattrResult::decode, Nfs3Service::setattr,
            e -> SetattrResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<LookupArgs, LookupResult> LOOKUP = new Nfs3Procedure<>(
            3, "LOOKUP", LookupArgs::decode, LookupResult::decode, Nfs3Service::lookup,
            e -> LookupResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<AccessArgs, AccessResult> ACCESS = new Nfs3Procedure<>(
            4, "ACCESS", AccessArgs::decode, AccessResult::decode, Nfs3Service::access,
            e -> AccessResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<ReadlinkArgs, ReadlinkResult> READLINK = new Nfs3Procedure<>(
            5, "READLINK", ReadlinkArgs::decode, ReadlinkResult::decode, Nfs3Service::readlink,
            e -> ReadlinkResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<ReadArgs, ReadResult> READ = new Nfs3Procedure<>(
            6, "READ", ReadArgs::decode, ReadResult::decode, Nfs3Service::read,
            e -> ReadResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<WriteArgs, WriteResult> WRITE = new Nfs3Procedure<>(
            7, "WRITE", WriteArgs::decode, WriteResult::decode, Nfs3Service::write,
            e -> WriteResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<CreateArgs, NewObjectResult> CREATE = new Nfs3Procedure<>(
            8, "CREATE", CreateArgs::decode, NewObjectResult::decode, Nfs3Service::create,
            e -> NewObjectResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<MkdirArgs, NewObjectResult> MKDIR = new Nfs3Procedure<>(
            9, "MKDIR", MkdirArgs::decode, NewObjectResult::decode, Nfs3Service::mkdir,
            e -> NewObjectResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<SymlinkArgs, NewObjectResult> SYMLINK = new Nfs3Procedure<>(
            10, "SYMLINK", SymlinkArgs::decode, NewObjectResult::decode, Nfs3Service::symlink,
            e -> NewObjectResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<MknodArgs, NewObjectResult> MKNOD = new Nfs3Procedure<>(
            11, "MKNOD", MknodArgs::decode, NewObjectResult::decode, Nfs3Service::mknod,
            e -> NewObjectResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<RemoveArgs, RemoveResult> REMOVE = new Nfs3Procedure<>(
            12, "REMOVE", RemoveArgs::decode, RemoveResult::decode, Nfs3Service::remove,
            e -> RemoveResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<RmdirArgs, RmdirResult> RMDIR = new Nfs3Procedure<>(
            13, "RMDIR", RmdirArgs::decode, RmdirResult::decode, Nfs3Service::rmdir,
            e -> RmdirResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<RenameArgs, RenameResult> RENAME = new Nfs3Procedure<>(
            14, "RENAME", RenameArgs::decode, RenameResult::decode, Nfs3Service::rename,
            e -> RenameResult.fail(e.status(), e.wcc(), WccData.EMPTY));
    public static final Nfs3Procedure<LinkArgs, LinkResult> LINK = new Nfs3Procedure<>(
            15, "LINK", LinkArgs::decode, LinkResult::decode, Nfs3Service::link,
            e -> LinkResult.fail(e.status(), e.attributes(), e.wcc()));
    public static final Nfs3Procedure<ReaddirArgs, ReaddirResult> READDIR = new Nfs3Procedure<>(
            16, "READDIR", ReaddirArgs::decode, ReaddirResult::decode, Nfs3Service::readdir,
            e -> ReaddirResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<ReaddirplusArgs, ReaddirplusResult> READDIRPLUS =
            new Nfs3Procedure<>(17, "READDIRPLUS", ReaddirplusArgs::decode,
                    ReaddirplusResult::decode, Nfs3Service::readdirplus,
                    e -> ReaddirplusResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<FsstatArgs, FsstatResult> FSSTAT = new Nfs3Procedure<>(
            18, "FSSTAT", FsstatArgs::decode, FsstatResult::decode, Nfs3Service::fsstat,
            e -> FsstatResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<FsinfoArgs, FsinfoResult> FSINFO = new Nfs3Procedure<>(
            19, "FSINFO", FsinfoArgs::decode, FsinfoResult::decode, Nfs3Service::fsinfo,
            e -> FsinfoResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<PathconfArgs, PathconfResult> PATHCONF = new Nfs3Procedure<>(
            20, "PATHCONF", PathconfArgs::decode, PathconfResult::decode, Nfs3Service::pathconf,
            e -> PathconfResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<CommitArgs, CommitResult> COMMIT = new Nfs3Procedure<>(
            21, "COMMIT", CommitArgs::decode, CommitResult::decode, Nfs3Service::commit,
            e -> CommitResult.fail(e.status(), e.wcc()));

    private static final Nfs3Procedure<?, ?>[] BY_NUMBER = {null, GETATTR, SETATTR, LOOKUP, ACCESS,
        READLINK, READ, WRITE, CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, RENAME, LINK, READDIR,
        READDIRPLUS, FSSTAT, FSINFO, PATHCONF, COMMIT};

    /** Calls the service method of one procedure. */
    @FunctionalInterface
    interface Invoker<A, R> {
        CompletionStage<R> invoke(Nfs3Service service, NfsContext ctx, A args);
    }

    private final int number;
    private final String name;
    private final Function<XdrDecoder, A> argsDecoder;
    private final Function<XdrDecoder, R> resultDecoder;
    private final Invoker<A, R> invoker;
    private final Function<NfsException, R> failure;

    private Nfs3Procedure(int number, String name, Function<XdrDecoder, A> argsDecoder,
            Function<XdrDecoder, R> resultDecoder, Invoker<A, R> invoker,
            Function<NfsException, R> failure) {
        this.number = number;
        this.name = name;
        this.argsDecoder = argsDecoder;
        this.resultDecoder = resultDecoder;
        this.invoker = invoker;
        this.failure = failure;
    }

    /** The procedure with this number, or null for NULL (0) and numbers above COMMIT (21). */
    public static Nfs3Procedure<?, ?> byNumber(int number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    public A decodeArgs(XdrDecoder in) {
        return argsDecoder.apply(in);
    }

    public R decodeResult(XdrDecoder in) {
        return resultDecoder.apply(in);
    }

    /** The failure result this procedure answers for {@code e}, with the attributes it carries. */
    public R failure(NfsException e) {
        return failure.apply(e);
    }

    CompletionStage<R> invoke(Nfs3Service service, NfsContext ctx, A args) {
        return invoker.invoke(service, ctx, args);
    }

    @Override
    public String toString() {
        return name;
    }
}
