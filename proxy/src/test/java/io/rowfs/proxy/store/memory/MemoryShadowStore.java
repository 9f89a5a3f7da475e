package io.rowfs.proxy.store.memory;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.CommitArgs;
import io.rowfs.protocol.nfs3.CommitResult;
import io.rowfs.protocol.nfs3.CreateArgs;
import io.rowfs.protocol.nfs3.CreateMode;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
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
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.PostOpAttr;
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
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetattrArgs;
import io.rowfs.protocol.nfs3.SetattrResult;
import io.rowfs.protocol.nfs3.StableHow;
import io.rowfs.protocol.nfs3.SymlinkArgs;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.protocol.nfs3.WccData;
import io.rowfs.protocol.nfs3.WriteArgs;
import io.rowfs.protocol.nfs3.WriteResult;
import io.rowfs.proxy.store.ShadowStore;
import io.rowfs.proxy.store.memory.MemoryTree.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link ShadowStore} in memory over a {@link MemoryTree}, answering as a Linux NFSv3 server
 * does (statuses, wcc data, post-op attributes, EXCLUSIVE verifiers). For failure tests: {@link
 * #failNext} refuses the next call of a procedure with a status (changing nothing), {@link
 * #haltAfter} makes the next call of a procedure and then throws {@link Halt}, as if the proxy died
 * right after the shadow answered ({@link #haltBefore}: right before it was asked); {@link #calls} counts calls by procedure.
 */
public final class MemoryShadowStore implements ShadowStore {
    private static final Verifier WRITE_VERIFIER = new Verifier(0x5eed);

    private final MemoryTree tree;
    private final Map<String, AtomicInteger> calls = new HashMap<>();
    private final Map<String, Nfs3Status> failNext = new HashMap<>();
    private final Map<String, Boolean> haltAfter = new HashMap<>();
    private final Map<String, Boolean> haltBefore = new HashMap<>();
    private volatile long availFiles = 1_000_000;

    public MemoryShadowStore(MemoryTree tree) {
        this.tree = tree;
    }

    /** The process "dies" here: an Error, so nothing on the way up treats it as a failed call. */
    public static final class Halt extends Error {
        public Halt(String where) {
            super("halted after " + where);
        }
    }

    public MemoryTree tree() {
        return tree;
    }

    /** The next call of {@code procedure} (e.g. "RENAME") answers {@code status} and changes nothing. */
    public synchronized void failNext(String procedure, Nfs3Status status) {
        failNext.put(procedure, status);
    }

    /** The next call of {@code procedure} is made, then {@link Halt} is thrown instead of its answer. */
    public synchronized void haltAfter(String procedure) {
        haltAfter.put(procedure, true);
    }

    /** The next call of {@code procedure} throws {@link Halt} before it is made, as if the proxy died just before. */
    public synchronized void haltBefore(String procedure) {
        haltBefore.put(procedure, true);
    }

    public synchronized int calls(String procedure) {
        AtomicInteger n = calls.get(procedure);
        return n == null ? 0 : n.get();
    }

    /** Files FSSTAT reports available. */
    public void availFiles(long n) {
        availFiles = n;
    }

    private <R> R run(String procedure, Supplier<R> body, Function<Nfs3Status, R> failure) {
        Nfs3Status refuse;
        boolean halt;
        synchronized (this) {
            calls.computeIfAbsent(procedure, k -> new AtomicInteger()).incrementAndGet();
            refuse = failNext.remove(procedure);
            halt = haltAfter.remove(procedure) != null;
            if (haltBefore.remove(procedure) != null) {
                throw new Halt("before " + procedure);
            }
        }
        if (refuse != null) {
            return failure.apply(refuse);
        }
        R result;
        synchronized (tree) {
            try {
                result = body.get();
            } catch (NfsException e) {
                result = failure.apply(e.status());
            }
        }
        if (halt) {
            throw new Halt(procedure);
        }
        return result;
    }

    @Override
    public FileHandle root() {
        return tree.root();
    }

    @Override
    public GetattrResult getattr(GetattrArgs a) {
        return run("GETATTR", () -> GetattrResult.ok(tree.attrs(tree.node(a.object()))), GetattrResult::fail);
    }

    @Override
    public SetattrResult setattr(SetattrArgs a) {
        return run("SETATTR", () -> {
            Node n = tree.node(a.object());
            Fattr3 before = tree.attrs(n);
            if (a.guardCtime() != null && !a.guardCtime().equals(before.ctime())) {
                throw new NfsException(Nfs3Status.NOT_SYNC, "guard");
            }
            tree.setattr(n, a.attributes());
            return SetattrResult.ok(WccData.of(before, tree.attrs(n)));
        }, s -> SetattrResult.fail(s, WccData.EMPTY));
    }

    @Override
    public LookupResult lookup(LookupArgs a) {
        return run("LOOKUP", () -> {
            Node dir = tree.dirNode(a.dir());
            Node n = child(dir, a.name());
            if (n == null) {
                return LookupResult.fail(Nfs3Status.NOENT, PostOpAttr.of(tree.attrs(dir)));
            }
            return LookupResult.ok(tree.handleOf(n), PostOpAttr.of(tree.attrs(n)), PostOpAttr.of(tree.attrs(dir)));
        }, s -> LookupResult.fail(s, PostOpAttr.ABSENT));
    }

    private static Node child(Node dir, Filename name) {
        String n = name.toString();
        return n.equals(".") ? dir : n.equals("..") ? dir.parent : dir.entries.get(name);
    }

    @Override
    public ReadlinkResult readlink(ReadlinkArgs a) {
        return run("READLINK", () -> {
            Node n = tree.node(a.symlink());
            if (n.type != FileType.LNK) {
                throw new NfsException(Nfs3Status.INVAL, "not a link");
            }
            return ReadlinkResult.ok(PostOpAttr.of(tree.attrs(n)), n.target);
        }, s -> ReadlinkResult.fail(s, PostOpAttr.ABSENT));
    }

    @Override
    public ReadResult read(ReadArgs a) {
        return run("READ", () -> {
            Node n = regular(a.file());
            byte[] data = tree.readData(n, a.offset(), a.count());
            return ReadResult.ok(PostOpAttr.of(tree.attrs(n)), a.offset() + data.length >= n.size,
                    Unpooled.wrappedBuffer(data));
        }, s -> ReadResult.fail(s, PostOpAttr.ABSENT));
    }

    @Override
    public WriteResult write(WriteArgs a) {
        return run("WRITE", () -> {
            Node n = regular(a.file());
            Fattr3 before = tree.attrs(n);
            tree.writeData(n, a.offset(), ByteBufUtil.getBytes(a.data(), a.data().readerIndex(), a.count()));
            return WriteResult.ok(WccData.of(before, tree.attrs(n)), a.count(), StableHow.FILE_SYNC, WRITE_VERIFIER);
        }, s -> WriteResult.fail(s, WccData.EMPTY));
    }

    private Node regular(FileHandle fh) {
        Node n = tree.node(fh);
        if (n.type == FileType.DIR) {
            throw new NfsException(Nfs3Status.ISDIR, "a directory");
        }
        if (n.type != FileType.REG) {
            throw new NfsException(Nfs3Status.INVAL, "not a regular file");
        }
        return n;
    }

    @Override
    public CommitResult commit(CommitArgs a) {
        return run("COMMIT", () -> {
            Fattr3 now = tree.attrs(regular(a.file()));
            return CommitResult.ok(WccData.of(now, now), WRITE_VERIFIER);
        }, s -> CommitResult.fail(s, WccData.EMPTY));
    }

    @Override
    public NewObjectResult create(CreateArgs a) {
        return run("CREATE", () -> {
            Node dir = tree.dirNode(a.dir());
            Fattr3 before = tree.attrs(dir);
            Node existing = dir.entries.get(a.name());
            CreateMode mode = a.how().mode();
            if (existing != null) {
                boolean again = mode == CreateMode.UNCHECKED && existing.type == FileType.REG
                        || mode == CreateMode.EXCLUSIVE && a.how().verifier().equals(existing.verifier);
                if (!again) {
                    throw new NfsException(Nfs3Status.EXIST, "'" + a.name() + "' exists");
                }
                if (mode == CreateMode.UNCHECKED && a.how().attributes().size() != null) {
                    tree.setattr(existing, a.how().attributes());
                }
                return made(existing, before, dir);
            }
            Node n = tree.newNode(FileType.REG, 0, 0, 0);
            tree.bindEntry(dir, a.name(), n);
            if (mode == CreateMode.EXCLUSIVE) {
                n.verifier = a.how().verifier();
            } else {
                tree.setattr(n, a.how().attributes());
            }
            return made(n, before, dir);
        }, s -> NewObjectResult.fail(s, WccData.EMPTY));
    }

    @Override
    public NewObjectResult mkdir(MkdirArgs a) {
        return run("MKDIR", () -> make(a.dir(), a.name(), FileType.DIR, a.attributes(), n -> { }),
                s -> NewObjectResult.fail(s, WccData.EMPTY));
    }

    @Override
    public NewObjectResult symlink(SymlinkArgs a) {
        return run("SYMLINK", () -> make(a.dir(), a.name(), FileType.LNK, a.attributes(), n -> {
            n.target = a.data();
            n.size = a.data().bytes().length;
        }), s -> NewObjectResult.fail(s, WccData.EMPTY));
    }

    @Override
    public NewObjectResult mknod(MknodArgs a) {
        return run("MKNOD", () -> make(a.dir(), a.name(), a.type(), a.attributes(), n -> n.rdev = a.spec()),
                s -> NewObjectResult.fail(s, WccData.EMPTY));
    }

    private NewObjectResult make(FileHandle dirFh, Filename name, FileType type, Sattr3 attrs,
                                 java.util.function.Consumer<Node> init) {
        Node dir = tree.dirNode(dirFh);
        Fattr3 before = tree.attrs(dir);
        if (dir.entries.containsKey(name)) {
            throw new NfsException(Nfs3Status.EXIST, "'" + name + "' exists");
        }
        Node n = tree.newNode(type, type == FileType.DIR ? 0755 : 0644, 0, 0);
        init.accept(n);
        tree.bindEntry(dir, name, n);
        tree.setattr(n, new Sattr3(attrs.mode(), attrs.uid(), attrs.gid(), null, attrs.atime(), attrs.mtime()));
        return made(n, before, dir);
    }

    private NewObjectResult made(Node n, Fattr3 dirBefore, Node dir) {
        return NewObjectResult.ok(tree.handleOf(n), PostOpAttr.of(tree.attrs(n)), WccData.of(dirBefore, tree.attrs(dir)));
    }

    @Override
    public RemoveResult remove(RemoveArgs a) {
        return run("REMOVE", () -> {
            Node dir = tree.dirNode(a.dir());
            Fattr3 before = tree.attrs(dir);
            Node n = existing(dir, a.name());
            if (n.type == FileType.DIR) {
                throw new NfsException(Nfs3Status.ISDIR, "REMOVE of a directory");
            }
            tree.unbindEntry(dir, a.name());
            return RemoveResult.ok(WccData.of(before, tree.attrs(dir)));
        }, s -> RemoveResult.fail(s, WccData.EMPTY));
    }

    @Override
    public RmdirResult rmdir(RmdirArgs a) {
        return run("RMDIR", () -> {
            Node dir = tree.dirNode(a.dir());
            Fattr3 before = tree.attrs(dir);
            Node n = existing(dir, a.name());
            if (n.type != FileType.DIR) {
                throw new NfsException(Nfs3Status.NOTDIR, "RMDIR of a " + n.type);
            }
            if (!n.entries.isEmpty()) {
                throw new NfsException(Nfs3Status.NOTEMPTY, "not empty");
            }
            tree.unbindEntry(dir, a.name());
            return RmdirResult.ok(WccData.of(before, tree.attrs(dir)));
        }, s -> RmdirResult.fail(s, WccData.EMPTY));
    }

    private static Node existing(Node dir, Filename name) {
        Node n = dir.entries.get(name);
        if (n == null) {
            throw new NfsException(Nfs3Status.NOENT, "no " + name);
        }
        return n;
    }

    @Override
    public RenameResult rename(RenameArgs a) {
        return run("RENAME", () -> {
            Node from = tree.dirNode(a.fromDir());
            Node to = tree.dirNode(a.toDir());
            Fattr3 fromBefore = tree.attrs(from);
            Fattr3 toBefore = tree.attrs(to);
            Node src = existing(from, a.fromName());
            Node dst = to.entries.get(a.toName());
            if (dst != src) {
                for (Node up = to; src.type == FileType.DIR; up = up.parent) {
                    if (up == src) {
                        throw new NfsException(Nfs3Status.INVAL, "into itself");
                    }
                    if (up.parent == up) {
                        break;
                    }
                }
                if (dst != null) {
                    if (src.type == FileType.DIR && dst.type != FileType.DIR) {
                        throw new NfsException(Nfs3Status.NOTDIR, "directory over a non-directory");
                    }
                    if (src.type != FileType.DIR && dst.type == FileType.DIR) {
                        throw new NfsException(Nfs3Status.ISDIR, "non-directory over a directory");
                    }
                    if (!dst.entries.isEmpty()) {
                        throw new NfsException(Nfs3Status.NOTEMPTY, "target not empty");
                    }
                    tree.unbindEntry(to, a.toName());
                }
                src.links++; // not gone while it moves
                tree.unbindEntry(from, a.fromName());
                tree.bindEntry(to, a.toName(), src);
                src.links--;
            }
            return RenameResult.ok(WccData.of(fromBefore, tree.attrs(from)), WccData.of(toBefore, tree.attrs(to)));
        }, s -> RenameResult.fail(s, WccData.EMPTY, WccData.EMPTY));
    }

    @Override
    public LinkResult link(LinkArgs a) {
        return run("LINK", () -> {
            Node n = tree.node(a.file());
            Node dir = tree.dirNode(a.dir());
            Fattr3 before = tree.attrs(dir);
            if (n.type == FileType.DIR) {
                throw new NfsException(Nfs3Status.PERM, "LINK of a directory");
            }
            tree.bindEntry(dir, a.name(), n);
            return LinkResult.ok(PostOpAttr.of(tree.attrs(n)), WccData.of(before, tree.attrs(dir)));
        }, s -> LinkResult.fail(s, PostOpAttr.ABSENT, WccData.EMPTY));
    }

    @Override
    public FsstatResult fsstat(FsstatArgs a) {
        return run("FSSTAT", () -> FsstatResult.ok(PostOpAttr.ABSENT, 1L << 40, 1L << 39, 1L << 39, 2_000_000,
                availFiles, availFiles, 0), s -> FsstatResult.fail(s, PostOpAttr.ABSENT));
    }

    @Override
    public FsinfoResult fsinfo(FsinfoArgs a) {
        return run("FSINFO", () -> FsinfoResult.ok(PostOpAttr.ABSENT, 1 << 20, 1 << 20, 4096, 1 << 20, 1 << 20, 4096,
                1 << 16, Long.MAX_VALUE, new NfsTime3(0, 1), 0x1b), s -> FsinfoResult.fail(s, PostOpAttr.ABSENT));
    }
}
