package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One NFSv3 procedure: its number, its argument and result codecs and how a failure becomes its
 * result. The constants form the one table of NFSv3 procedures, which the dispatcher, the client
 * and the servers' {@link Nfs3Routes} share (RFC 1813 section 3.3; NULL, procedure 0, has no
 * messages and is not in the table).
 *
 * @param <A> the argument record
 * @param <R> the result record
 */
public final class Nfs3Procedure<A extends Nfs3Args, R extends Nfs3Result> {
    /** The NULL procedure's number: no arguments, no results. */
    public static final int NULL = 0;

    public static final Nfs3Procedure<GetattrArgs, GetattrResult> GETATTR = new Nfs3Procedure<>(
            1, "GETATTR", GetattrArgs::decode, GetattrResult::decode,
            e -> GetattrResult.fail(e.status()));
    public static final Nfs3Procedure<SetattrArgs, SetattrResult> SETATTR = new Nfs3Procedure<>(
            2, "SETATTR", SetattrArgs::decode, SetattrResult::decode,
            e -> SetattrResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<LookupArgs, LookupResult> LOOKUP = new Nfs3Procedure<>(
            3, "LOOKUP", LookupArgs::decode, LookupResult::decode,
            e -> LookupResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<AccessArgs, AccessResult> ACCESS = new Nfs3Procedure<>(
            4, "ACCESS", AccessArgs::decode, AccessResult::decode,
            e -> AccessResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<ReadlinkArgs, ReadlinkResult> READLINK = new Nfs3Procedure<>(
            5, "READLINK", ReadlinkArgs::decode, ReadlinkResult::decode,
            e -> ReadlinkResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<ReadArgs, ReadResult> READ = new Nfs3Procedure<>(
            6, "READ", ReadArgs::decode, ReadResult::decode,
            e -> ReadResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<WriteArgs, WriteResult> WRITE = new Nfs3Procedure<>(
            7, "WRITE", WriteArgs::decode, WriteResult::decode,
            e -> WriteResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<CreateArgs, NewObjectResult> CREATE = new Nfs3Procedure<>(
            8, "CREATE", CreateArgs::decode, NewObjectResult::decode,
            e -> NewObjectResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<MkdirArgs, NewObjectResult> MKDIR = new Nfs3Procedure<>(
            9, "MKDIR", MkdirArgs::decode, NewObjectResult::decode,
            e -> NewObjectResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<SymlinkArgs, NewObjectResult> SYMLINK = new Nfs3Procedure<>(
            10, "SYMLINK", SymlinkArgs::decode, NewObjectResult::decode,
            e -> NewObjectResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<MknodArgs, NewObjectResult> MKNOD = new Nfs3Procedure<>(
            11, "MKNOD", MknodArgs::decode, NewObjectResult::decode,
            e -> NewObjectResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<RemoveArgs, RemoveResult> REMOVE = new Nfs3Procedure<>(
            12, "REMOVE", RemoveArgs::decode, RemoveResult::decode,
            e -> RemoveResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<RmdirArgs, RmdirResult> RMDIR = new Nfs3Procedure<>(
            13, "RMDIR", RmdirArgs::decode, RmdirResult::decode,
            e -> RmdirResult.fail(e.status(), e.wcc()));
    public static final Nfs3Procedure<RenameArgs, RenameResult> RENAME = new Nfs3Procedure<>(
            14, "RENAME", RenameArgs::decode, RenameResult::decode,
            e -> RenameResult.fail(e.status(), e.wcc(), WccData.EMPTY));
    public static final Nfs3Procedure<LinkArgs, LinkResult> LINK = new Nfs3Procedure<>(
            15, "LINK", LinkArgs::decode, LinkResult::decode,
            e -> LinkResult.fail(e.status(), e.attributes(), e.wcc()));
    public static final Nfs3Procedure<ReaddirArgs, ReaddirResult> READDIR = new Nfs3Procedure<>(
            16, "READDIR", ReaddirArgs::decode, ReaddirResult::decode,
            e -> ReaddirResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<ReaddirplusArgs, ReaddirplusResult> READDIRPLUS =
            new Nfs3Procedure<>(17, "READDIRPLUS", ReaddirplusArgs::decode,
                    ReaddirplusResult::decode,
                    e -> ReaddirplusResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<FsstatArgs, FsstatResult> FSSTAT = new Nfs3Procedure<>(
            18, "FSSTAT", FsstatArgs::decode, FsstatResult::decode,
            e -> FsstatResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<FsinfoArgs, FsinfoResult> FSINFO = new Nfs3Procedure<>(
            19, "FSINFO", FsinfoArgs::decode, FsinfoResult::decode,
            e -> FsinfoResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<PathconfArgs, PathconfResult> PATHCONF = new Nfs3Procedure<>(
            20, "PATHCONF", PathconfArgs::decode, PathconfResult::decode,
            e -> PathconfResult.fail(e.status(), e.attributes()));
    public static final Nfs3Procedure<CommitArgs, CommitResult> COMMIT = new Nfs3Procedure<>(
            21, "COMMIT", CommitArgs::decode, CommitResult::decode,
            e -> CommitResult.fail(e.status(), e.wcc()));

    private static final Nfs3Procedure<?, ?>[] BY_NUMBER = {null, GETATTR, SETATTR, LOOKUP, ACCESS,
        READLINK, READ, WRITE, CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, RENAME, LINK, READDIR,
        READDIRPLUS, FSSTAT, FSINFO, PATHCONF, COMMIT};
    private static final List<Nfs3Procedure<?, ?>> ALL = List.of(Arrays.copyOfRange(BY_NUMBER, 1, BY_NUMBER.length));

    private final int number;
    private final String name;
    private final Function<XdrDecoder, A> argsDecoder;
    private final Function<XdrDecoder, R> resultDecoder;
    private final Function<NfsException, R> failure;

    private Nfs3Procedure(int number, String name, Function<XdrDecoder, A> argsDecoder,
            Function<XdrDecoder, R> resultDecoder, Function<NfsException, R> failure) {
        this.number = number;
        this.name = name;
        this.argsDecoder = argsDecoder;
        this.resultDecoder = resultDecoder;
        this.failure = failure;
    }

    /** The procedure with this number, or null for NULL (0) and numbers above COMMIT (21). */
    public static Nfs3Procedure<?, ?> byNumber(int number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** GETATTR (1) to COMMIT (21), in number order. */
    public static List<Nfs3Procedure<?, ?>> all() {
        return ALL;
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

    @Override
    public String toString() {
        return name;
    }
}
