package io.rowfs.protocol.nfs3;

import static io.rowfs.protocol.nfs3.Nfs3Samples.attrs;
import static io.rowfs.protocol.nfs3.Nfs3Samples.data;
import static io.rowfs.protocol.nfs3.Nfs3Samples.entries;
import static io.rowfs.protocol.nfs3.Nfs3Samples.entriesPlus;
import static io.rowfs.protocol.nfs3.Nfs3Samples.fattr;
import static io.rowfs.protocol.nfs3.Nfs3Samples.handle;
import static io.rowfs.protocol.nfs3.Nfs3Samples.name;
import static io.rowfs.protocol.nfs3.Nfs3Samples.sattrAll;
import static io.rowfs.protocol.nfs3.Nfs3Samples.wcc;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The args and results of every NFSv3 procedure, OK and failure forms, with optional fields both
 * present and absent. Each case makes a fresh message (some hold buffers that must be released).
 */
final class Nfs3MessageCases {
    /** One message: how to make it, and the decoder that must read it back. */
    record Case(String name, Nfs3Procedure<?, ?> procedure, boolean isArgs, Supplier<Object> make,
            Function<XdrDecoder, Object> decoder) {
        @Override
        public String toString() {
            return name;
        }

        static void encode(Object message, XdrEncoder out) {
            if (message instanceof Nfs3Args a) {
                a.encode(out);
            } else {
                ((Nfs3Result) message).encode(out);
            }
        }

        static void release(Object message) {
            if (message instanceof Nfs3Args a) {
                a.release();
            } else {
                ((Nfs3Result) message).release();
            }
        }

        Consumer<XdrEncoder> writer(Object message) {
            return out -> encode(message, out);
        }
    }

    private final List<Case> cases = new ArrayList<>();

    private Nfs3MessageCases() {}

    private <A extends Nfs3Args> void args(Nfs3Procedure<A, ?> p, String label, Supplier<A> make) {
        cases.add(new Case(p + " args " + label, p, true, make::get, p::decodeArgs));
    }

    private <R extends Nfs3Result> void result(Nfs3Procedure<?, R> p, String label, Supplier<R> make) {
        cases.add(new Case(p + " result " + label, p, false, make::get, p::decodeResult));
    }

    static List<Case> all() {
        Nfs3MessageCases c = new Nfs3MessageCases();
        c.addArgs();
        c.addResults();
        return c.cases;
    }

    private void addArgs() {
        args(Nfs3Procedure.GETATTR, "", () -> new GetattrArgs(handle()));
        args(Nfs3Procedure.GETATTR, "empty handle", () -> new GetattrArgs(handle(0, 0)));
        args(Nfs3Procedure.SETATTR, "guarded", () -> new SetattrArgs(handle(), sattrAll(),
                new NfsTime3(9, 10)));
        args(Nfs3Procedure.SETATTR, "unguarded", () -> new SetattrArgs(handle(), Sattr3.EMPTY, null));
        args(Nfs3Procedure.LOOKUP, "", () -> new LookupArgs(handle(64, 2), name("a")));
        args(Nfs3Procedure.ACCESS, "", () -> new AccessArgs(handle(), Access.ALL));
        args(Nfs3Procedure.READLINK, "", () -> new ReadlinkArgs(handle()));
        args(Nfs3Procedure.READ, "", () -> new ReadArgs(handle(), Long.MAX_VALUE, -1));
        args(Nfs3Procedure.WRITE, "unstable", () -> WriteArgs.of(handle(), 0, StableHow.UNSTABLE,
                data(5)));
        args(Nfs3Procedure.WRITE, "file sync, empty", () -> WriteArgs.of(handle(), 7,
                StableHow.FILE_SYNC, data(0)));
        args(Nfs3Procedure.WRITE, "data sync, large", () -> WriteArgs.of(handle(), 1,
                StableHow.DATA_SYNC, data(1500)));
        args(Nfs3Procedure.CREATE, "unchecked", () -> new CreateArgs(handle(), name("f"),
                CreateHow.unchecked(sattrAll())));
        args(Nfs3Procedure.CREATE, "guarded", () -> new CreateArgs(handle(), name("f"),
                CreateHow.guarded(Sattr3.EMPTY.withMode(0600))));
        args(Nfs3Procedure.CREATE, "exclusive", () -> new CreateArgs(handle(), name("f"),
                CreateHow.exclusive(new Verifier(0x0102030405060708L))));
        args(Nfs3Procedure.MKDIR, "", () -> new MkdirArgs(handle(), name("d"), sattrAll()));
        args(Nfs3Procedure.SYMLINK, "", () -> new SymlinkArgs(handle(), name("l"), Sattr3.EMPTY,
                NfsPath.of("../target/of/link")));
        args(Nfs3Procedure.MKNOD, "chr", () -> new MknodArgs(handle(), name("c"), FileType.CHR,
                sattrAll(), new SpecData3(1, 3)));
        args(Nfs3Procedure.MKNOD, "blk", () -> new MknodArgs(handle(), name("b"), FileType.BLK,
                Sattr3.EMPTY, new SpecData3(8, 0)));
        args(Nfs3Procedure.MKNOD, "fifo", () -> new MknodArgs(handle(), name("p"), FileType.FIFO,
                Sattr3.EMPTY.withMode(0600), null));
        args(Nfs3Procedure.MKNOD, "sock", () -> new MknodArgs(handle(), name("s"), FileType.SOCK,
                Sattr3.EMPTY, null));
        args(Nfs3Procedure.MKNOD, "reg (void arm)", () -> new MknodArgs(handle(), name("r"),
                FileType.REG, null, null));
        args(Nfs3Procedure.REMOVE, "", () -> new RemoveArgs(handle(), name("gone")));
        args(Nfs3Procedure.RMDIR, "", () -> new RmdirArgs(handle(), name("dir")));
        args(Nfs3Procedure.RENAME, "", () -> new RenameArgs(handle(4, 1), name("x"), handle(5, 2),
                name("yy")));
        args(Nfs3Procedure.LINK, "", () -> new LinkArgs(handle(1, 1), handle(2, 2), name("h")));
        args(Nfs3Procedure.READDIR, "", () -> new ReaddirArgs(handle(), 77, new Verifier(-1), 4096));
        args(Nfs3Procedure.READDIRPLUS, "", () -> new ReaddirplusArgs(handle(), 0, Verifier.ZERO,
                1024, 32768));
        args(Nfs3Procedure.FSSTAT, "", () -> new FsstatArgs(handle()));
        args(Nfs3Procedure.FSINFO, "", () -> new FsinfoArgs(handle()));
        args(Nfs3Procedure.PATHCONF, "", () -> new PathconfArgs(handle()));
        args(Nfs3Procedure.COMMIT, "", () -> new CommitArgs(handle(), 4096, 0));
    }

    private void addResults() {
        Nfs3Status f = Nfs3Status.STALE;
        result(Nfs3Procedure.GETATTR, "ok", () -> GetattrResult.ok(fattr(FileType.DIR, 1)));
        result(Nfs3Procedure.GETATTR, "fail", () -> GetattrResult.fail(f));
        result(Nfs3Procedure.SETATTR, "ok", () -> SetattrResult.ok(wcc()));
        result(Nfs3Procedure.SETATTR, "fail", () -> SetattrResult.fail(Nfs3Status.NOT_SYNC, wcc()));
        result(Nfs3Procedure.LOOKUP, "ok", () -> LookupResult.ok(handle(), attrs(), PostOpAttr.ABSENT));
        result(Nfs3Procedure.LOOKUP, "fail", () -> LookupResult.fail(Nfs3Status.NOENT, attrs()));
        result(Nfs3Procedure.ACCESS, "ok", () -> AccessResult.ok(attrs(), Access.READ | Access.LOOKUP));
        result(Nfs3Procedure.ACCESS, "fail", () -> AccessResult.fail(f, PostOpAttr.ABSENT));
        result(Nfs3Procedure.READLINK, "ok", () -> ReadlinkResult.ok(attrs(), NfsPath.of("/abs")));
        result(Nfs3Procedure.READLINK, "fail", () -> ReadlinkResult.fail(Nfs3Status.INVAL, attrs()));
        result(Nfs3Procedure.READ, "ok", () -> ReadResult.ok(attrs(), false, data(3)));
        result(Nfs3Procedure.READ, "ok eof large", () -> ReadResult.ok(PostOpAttr.ABSENT, true,
                data(2049)));
        result(Nfs3Procedure.READ, "ok empty", () -> ReadResult.ok(attrs(), true, data(0)));
        result(Nfs3Procedure.READ, "fail", () -> ReadResult.fail(Nfs3Status.IO, attrs()));
        result(Nfs3Procedure.WRITE, "ok", () -> WriteResult.ok(wcc(), 5, StableHow.FILE_SYNC,
                new Verifier(99)));
        result(Nfs3Procedure.WRITE, "fail", () -> WriteResult.fail(Nfs3Status.NOSPC, wcc()));
        result(Nfs3Procedure.CREATE, "ok", () -> NewObjectResult.ok(handle(), attrs(), wcc()));
        result(Nfs3Procedure.CREATE, "ok without handle", () -> NewObjectResult.ok(null,
                PostOpAttr.ABSENT, WccData.EMPTY));
        result(Nfs3Procedure.CREATE, "fail", () -> NewObjectResult.fail(Nfs3Status.EXIST, wcc()));
        result(Nfs3Procedure.MKDIR, "ok", () -> NewObjectResult.ok(handle(), attrs(), wcc()));
        result(Nfs3Procedure.MKDIR, "fail", () -> NewObjectResult.fail(Nfs3Status.EXIST, WccData.EMPTY));
        result(Nfs3Procedure.SYMLINK, "ok", () -> NewObjectResult.ok(handle(), attrs(), wcc()));
        result(Nfs3Procedure.SYMLINK, "fail", () -> NewObjectResult.fail(Nfs3Status.NOTSUPP, wcc()));
        result(Nfs3Procedure.MKNOD, "ok", () -> NewObjectResult.ok(handle(), attrs(), wcc()));
        result(Nfs3Procedure.MKNOD, "fail", () -> NewObjectResult.fail(Nfs3Status.BADTYPE, wcc()));
        result(Nfs3Procedure.REMOVE, "ok", () -> RemoveResult.ok(wcc()));
        result(Nfs3Procedure.REMOVE, "fail", () -> RemoveResult.fail(Nfs3Status.NOENT, WccData.EMPTY));
        result(Nfs3Procedure.RMDIR, "ok", () -> RmdirResult.ok(wcc()));
        result(Nfs3Procedure.RMDIR, "fail", () -> RmdirResult.fail(Nfs3Status.NOTEMPTY, wcc()));
        result(Nfs3Procedure.RENAME, "ok", () -> RenameResult.ok(wcc(), WccData.EMPTY));
        result(Nfs3Procedure.RENAME, "fail", () -> RenameResult.fail(Nfs3Status.XDEV, WccData.EMPTY,
                wcc()));
        result(Nfs3Procedure.LINK, "ok", () -> LinkResult.ok(attrs(), wcc()));
        result(Nfs3Procedure.LINK, "fail", () -> LinkResult.fail(Nfs3Status.MLINK, PostOpAttr.ABSENT,
                wcc()));
        result(Nfs3Procedure.READDIR, "ok", () -> ReaddirResult.ok(attrs(), new Verifier(3),
                entries(7), true));
        result(Nfs3Procedure.READDIR, "ok empty", () -> ReaddirResult.ok(PostOpAttr.ABSENT,
                Verifier.ZERO, List.of(), false));
        result(Nfs3Procedure.READDIR, "fail", () -> ReaddirResult.fail(Nfs3Status.BAD_COOKIE, attrs()));
        result(Nfs3Procedure.READDIRPLUS, "ok", () -> ReaddirplusResult.ok(attrs(), new Verifier(4),
                entriesPlus(9), false));
        result(Nfs3Procedure.READDIRPLUS, "fail", () -> ReaddirplusResult.fail(Nfs3Status.TOOSMALL,
                PostOpAttr.ABSENT));
        result(Nfs3Procedure.FSSTAT, "ok", () -> FsstatResult.ok(attrs(), -1L, 2, 3, 4, 5, 6, 7));
        result(Nfs3Procedure.FSSTAT, "fail", () -> FsstatResult.fail(Nfs3Status.IO, attrs()));
        result(Nfs3Procedure.FSINFO, "ok", () -> FsinfoResult.ok(attrs(), 1 << 20, 65536, 4096,
                1 << 20, 65536, 4096, 8192, Long.MAX_VALUE, new NfsTime3(0, 1),
                FsProperties.LINK | FsProperties.SYMLINK | FsProperties.HOMOGENEOUS
                        | FsProperties.CANSETTIME));
        result(Nfs3Procedure.FSINFO, "fail", () -> FsinfoResult.fail(Nfs3Status.SERVERFAULT,
                PostOpAttr.ABSENT));
        result(Nfs3Procedure.PATHCONF, "ok", () -> PathconfResult.ok(attrs(), 32000, 255, true, true,
                false, true));
        result(Nfs3Procedure.PATHCONF, "fail", () -> PathconfResult.fail(f, attrs()));
        result(Nfs3Procedure.COMMIT, "ok", () -> CommitResult.ok(wcc(), new Verifier(-7)));
        result(Nfs3Procedure.COMMIT, "fail", () -> CommitResult.fail(Nfs3Status.JUKEBOX, wcc()));
    }
}
