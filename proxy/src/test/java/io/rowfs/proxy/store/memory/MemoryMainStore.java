package io.rowfs.proxy.store.memory;

import io.netty.buffer.Unpooled;
import io.rowfs.protocol.nfs3.DirEntryPlus;
import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.FsinfoResult;
import io.rowfs.protocol.nfs3.LookupResult;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.PostOpAttr;
import io.rowfs.protocol.nfs3.ReaddirplusResult;
import io.rowfs.protocol.nfs3.Verifier;
import io.rowfs.proxy.cache.MainSource;
import io.rowfs.proxy.store.MainStore;
import io.rowfs.proxy.store.memory.MemoryTree.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only {@link MainStore} in memory over a {@link MemoryTree}: handles, attributes, LOOKUP
 * (NOENT answered, other failures thrown, as {@code NfsMainStore} does), READDIRPLUS in pages of
 * {@code pageEntries} with "." and "..", READLINK, and file data for the main-data fetcher.
 * {@link #calls()} counts every call, so tests can see what was answered from the proxy's caches.
 */
public final class MemoryMainStore implements MainStore {
    private final MemoryTree tree;
    private final int pageEntries;
    private final AtomicInteger calls = new AtomicInteger();

    public MemoryMainStore(MemoryTree tree) {
        this(tree, 100);
    }

    public MemoryMainStore(MemoryTree tree, int pageEntries) {
        this.tree = tree;
        this.pageEntries = pageEntries;
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public FileHandle root() {
        return tree.root();
    }

    @Override
    public Fattr3 getattr(FileHandle fh) {
        calls.incrementAndGet();
        synchronized (tree) {
            return tree.attrs(tree.node(fh));
        }
    }

    @Override
    public LookupResult lookup(FileHandle dir, Filename name) {
        calls.incrementAndGet();
        synchronized (tree) {
            Node d = tree.dirNode(dir);
            Node n = d.entries.get(name);
            if (n == null) {
                return LookupResult.fail(Nfs3Status.NOENT, PostOpAttr.of(tree.attrs(d)));
            }
            return LookupResult.ok(tree.handleOf(n), PostOpAttr.of(tree.attrs(n)), PostOpAttr.of(tree.attrs(d)));
        }
    }

    @Override
    public NfsPath readlink(FileHandle fh) {
        calls.incrementAndGet();
        synchronized (tree) {
            Node n = tree.node(fh);
            if (n.type != FileType.LNK) {
                throw new NfsException(Nfs3Status.INVAL, "not a symbolic link");
            }
            return n.target;
        }
    }

    @Override
    public ReaddirplusResult readdirplus(FileHandle dir, long cookie, Verifier verifier) {
        calls.incrementAndGet();
        synchronized (tree) {
            Node d = tree.dirNode(dir);
            List<DirEntryPlus> all = new ArrayList<>();
            all.add(new DirEntryPlus(d.id, Filename.of("."), 1, PostOpAttr.of(tree.attrs(d)), tree.handleOf(d)));
            all.add(new DirEntryPlus(d.parent.id, Filename.of(".."), 2, PostOpAttr.of(tree.attrs(d.parent)),
                    tree.handleOf(d.parent)));
            long c = 3;
            for (Map.Entry<Filename, Node> e : d.entries.entrySet()) {
                all.add(new DirEntryPlus(e.getValue().id, e.getKey(), c++, PostOpAttr.of(tree.attrs(e.getValue())),
                        tree.handleOf(e.getValue())));
            }
            int from = (int) cookie; // cookies are positions + 1
            int to = Math.min(all.size(), from + pageEntries);
            return ReaddirplusResult.ok(PostOpAttr.of(tree.attrs(d)), new Verifier(1), List.copyOf(all.subList(from, to)),
                    to == all.size());
        }
    }

    @Override
    public FsinfoResult fsinfo() {
        return FsinfoResult.ok(PostOpAttr.ABSENT, 1 << 20, 1 << 20, 4096, 1 << 20, 1 << 20, 4096, 1 << 16,
                Long.MAX_VALUE, new NfsTime3(0, 1), 0x1b);
    }

    @Override
    public MainSource dataSource() {
        return (handle, offset, count) -> {
            calls.incrementAndGet();
            synchronized (tree) {
                Node n = tree.node(FileHandle.of(handle));
                return CompletableFuture.completedFuture(Unpooled.wrappedBuffer(tree.readData(n, offset, count)));
            }
        };
    }
}
