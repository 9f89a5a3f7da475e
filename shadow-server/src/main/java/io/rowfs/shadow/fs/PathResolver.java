package io.rowfs.shadow.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns (inode, generation) from a handle back into a path inside the export:
 * <ol>
 *   <li>an in-memory cache inode → path, verified by one lstat (inode numbers must match);</li>
 *   <li>else the persistent {@link InodeTable} chain (parent inode, name) up to the root, verified
 *       the same way, which keeps working after renames of the object or of any ancestor;</li>
 *   <li>else a scan of the export (state directory excluded), after a restart with a lost table or
 *       after changes made behind the server's back. A scan that does not find an inode is
 *       remembered for {@link #NEGATIVE_TTL_MILLIS} so that stale handles do not rescan the tree.</li>
 * </ol>
 * An inode whose table generation differs from the handle's is a reused inode number: STALE. A
 * handle whose inode has no table entry (table lost) adopts the handle's generation once found.
 * Thread-safe (concurrent maps; the table serialises its own log).
 */
public final class PathResolver {
    static final long NEGATIVE_TTL_MILLIS = 10_000;
    private static final int MAX_DEPTH = 4096;
    private static final int MAX_CACHED_PATHS = 1 << 20;

    private final Path root;
    private final Path stateDir;
    private final long rootInode;
    private final InodeTable table;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Path> paths = new ConcurrentHashMap<>();
    private final Map<Long, Long> notFoundUntil = new ConcurrentHashMap<>();

    public PathResolver(Path root, Path stateDir, InodeTable table, Clock clock) throws IOException {
        this.root = root;
        this.stateDir = stateDir;
        this.table = table;
        this.clock = clock;
        this.rootInode = AttrReader.inode(root);
        InodeTable.Entry e = table.get(rootInode);
        if (e == null || e.parent() != 0) {
            table.put(rootInode, 0, "", e == null ? newGeneration() : e.generation());
        }
    }

    public Path root() {
        return root;
    }

    public long rootInode() {
        return rootInode;
    }

    /** The generation to put in a handle for {@code inode}. */
    public int generation(long inode) {
        InodeTable.Entry e = table.get(inode);
        return e == null ? 0 : e.generation();
    }

    /**
     * Records that {@code inode} is entry {@code name} of directory {@code parent} (at {@code path})
     * and returns its generation (a new one if the inode was unknown).
     */
    public int register(long inode, long parent, String name, Path path) throws IOException {
        if (inode == rootInode) {
            return generation(inode);
        }
        InodeTable.Entry e = table.get(inode);
        int gen = e == null ? newGeneration() : e.generation();
        table.put(inode, parent, name, gen);
        cache(inode, path);
        return gen;
    }

    /** Forgets an object whose last link is gone (its inode number may be reused). */
    public void forget(long inode) throws IOException {
        if (inode != rootInode) {
            table.remove(inode);
            paths.remove(inode);
        }
    }

    /**
     * The cached path of {@code inode} without verifying it (the caller verifies with the lstat it
     * needs anyway), or null. STALE when the table knows the inode under another generation.
     */
    public Path cachedUnverified(long inode, int generation) throws FsException {
        if (inode == rootInode) {
            return root;
        }
        InodeTable.Entry e = table.get(inode);
        if (e != null && e.generation() != generation) {
            throw new FsException(FsError.STALE, "inode " + inode + " now has another generation");
        }
        return paths.get(inode);
    }

    /** The path of the object a handle names, or STALE. */
    public Path resolve(long inode, int generation) throws IOException {
        InodeTable.Entry e = table.get(inode);
        if (e != null && e.generation() != generation) {
            throw new FsException(FsError.STALE, "inode " + inode + " now has another generation");
        }
        Path p = known(inode, 0);
        if (p != null) {
            return p;
        }
        p = scan(inode);
        if (p == null) {
            throw new FsException(FsError.STALE, "inode " + inode + " is not in the export");
        }
        long parent = AttrReader.inode(p.getParent());
        table.put(inode, parent, p.getFileName().toString(), e == null ? generation : e.generation());
        cache(inode, p);
        return p;
    }

    private Path known(long inode, int depth) {
        if (inode == rootInode) {
            return root;
        }
        Path c = paths.get(inode);
        if (c != null && inodeOf(c) == inode) {
            return c;
        }
        InodeTable.Entry e = table.get(inode);
        if (e == null || e.parent() == 0 || depth > MAX_DEPTH) {
            return null;
        }
        Path parent = known(e.parent(), depth + 1);
        if (parent == null) {
            return null;
        }
        Path p = parent.resolve(e.name());
        if (inodeOf(p) != inode) {
            return null;
        }
        cache(inode, p);
        return p;
    }

    private Path scan(long inode) throws IOException {
        Long until = notFoundUntil.get(inode);
        long now = clock.millis();
        if (until != null && until > now) {
            return null;
        }
        Path[] found = new Path[1];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(stateDir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return check(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                return check(file);
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }

            private FileVisitResult check(Path p) {
                long ino = inodeOf(p);
                if (ino == inode) {
                    found[0] = p;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (found[0] == null) {
            notFoundUntil.put(inode, now + NEGATIVE_TTL_MILLIS);
            if (notFoundUntil.size() > 100_000) {
                notFoundUntil.clear();
            }
        } else {
            notFoundUntil.remove(inode);
        }
        return found[0];
    }

    private void cache(long inode, Path p) {
        if (paths.size() > MAX_CACHED_PATHS) {
            paths.clear();
        }
        paths.put(inode, p);
        notFoundUntil.remove(inode);
    }

    private static long inodeOf(Path p) {
        try {
            return AttrReader.inode(p);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private int newGeneration() {
        int g;
        do {
            g = random.nextInt();
        } while (g == 0);
        return g;
    }
}
