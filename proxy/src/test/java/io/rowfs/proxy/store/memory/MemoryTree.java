package io.rowfs.proxy.store.memory;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.protocol.nfs3.NfsPath;
import io.rowfs.protocol.nfs3.NfsTime3;
import io.rowfs.protocol.nfs3.Sattr3;
import io.rowfs.protocol.nfs3.SetTime;
import io.rowfs.protocol.nfs3.SpecData3;
import io.rowfs.protocol.nfs3.TimeHow;
import io.rowfs.protocol.nfs3.Verifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small file system in memory, the model behind {@link MemoryMainStore} and {@link
 * MemoryShadowStore}: directories, regular files with sparse data (pages that were never written
 * read as zeros), symbolic links, devices, hard links; each object with a handle, a fileid and
 * POSIX-like attributes (nlink counts names, and for directories 2 plus subdirectories; mtime and
 * ctime move on every change, from a counter so tests are deterministic). Failures are the NFSv3
 * statuses a Linux server answers: NOENT, EXIST, NOTDIR, ISDIR, NOTEMPTY, INVAL, STALE.
 *
 * <p>Tests build trees by path ({@link #dir}, {@link #file}, ...) and read them back ({@link
 * #bytes}, {@link #exists}, {@link #snapshot}). Synchronized: queued shadow steps run on other threads.
 */
public final class MemoryTree {
    static final int PAGE = 4096;
    private static final long FSID = 42;

    private final int tag;
    private final Map<Long, Node> byId = new HashMap<>();
    private final Node root;
    private long nextId = 1;
    private int clock = 1_000_000;

    /** @param tag distinguishes this tree's handles from another tree's */
    public MemoryTree(int tag) {
        this.tag = tag;
        this.root = newNode(FileType.DIR, 0755, 0, 0);
        root.parent = root;
    }

    /** One object. Fields are guarded by the tree's monitor. */
    static final class Node {
        final long id;
        final FileType type;
        int mode;
        int uid;
        int gid;
        long size;
        int links;
        NfsTime3 atime;
        NfsTime3 mtime;
        NfsTime3 ctime;
        final Map<Long, byte[]> pages = new TreeMap<>();
        final Map<Filename, Node> entries = new LinkedHashMap<>();
        Node parent;
        NfsPath target;
        SpecData3 rdev = SpecData3.NONE;
        Verifier verifier;

        Node(long id, FileType type) {
            this.id = id;
            this.type = type;
        }
    }

    // ---- building and inspecting, by path ----

    public synchronized FileHandle root() {
        return handleOf(root);
    }

    /** Makes directory {@code path} and its missing parents. */
    public synchronized FileHandle dir(String path) {
        Node cur = root;
        for (String part : parts(path)) {
            Node next = cur.entries.get(Filename.of(part));
            if (next == null) {
                next = newNode(FileType.DIR, 0755, 0, 0);
                bindEntry(cur, Filename.of(part), next);
            }
            cur = next;
        }
        return handleOf(cur);
    }

    /** Makes regular file {@code path} holding {@code data} (parents made as needed). */
    public synchronized FileHandle file(String path, byte[] data) {
        Node f = make(path, FileType.REG, 0644);
        writeData(f, 0, data);
        return handleOf(f);
    }

    public synchronized FileHandle symlink(String path, String target) {
        Node l = make(path, FileType.LNK, 0777);
        l.target = NfsPath.of(target);
        l.size = target.length();
        return handleOf(l);
    }

    public synchronized FileHandle device(String path, FileType type, int major, int minor) {
        Node d = make(path, type, 0600);
        d.rdev = new SpecData3(major, minor);
        return handleOf(d);
    }

    /** Gives the object at {@code existing} a second name {@code path}. */
    public synchronized void hardLink(String existing, String path) {
        Node n = node(existing);
        String[] p = parts(path);
        bindEntry(parentOf(path), Filename.of(p[p.length - 1]), n);
    }

    public synchronized boolean exists(String path) {
        Node cur = root;
        for (String part : parts(path)) {
            cur = cur.type == FileType.DIR ? cur.entries.get(Filename.of(part)) : null;
            if (cur == null) {
                return false;
            }
        }
        return true;
    }

    /** The whole content of the regular file at {@code path}. */
    public synchronized byte[] bytes(String path) {
        Node n = node(path);
        return readData(n, 0, (int) n.size);
    }

    public synchronized Fattr3 attributes(String path) {
        return attrs(node(path));
    }

    /** The handle of the object at {@code path}. */
    public synchronized FileHandle handle(String path) {
        return handleOf(node(path));
    }

    /** Number of pages of the file at {@code path} that hold written data (sparse files have fewer). */
    public synchronized int pagesWritten(String path) {
        return node(path).pages.size();
    }

    /** The names in directory {@code path}. */
    public synchronized List<String> list(String path) {
        List<String> out = new ArrayList<>();
        node(path).entries.keySet().forEach(n -> out.add(n.toString()));
        return out;
    }

    /** Every object by path with its attributes and data, to compare before and after (main must not change). */
    public synchronized Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        snapshot("", root, out);
        return out;
    }

    private void snapshot(String path, Node n, Map<String, String> out) {
        out.put(path.isEmpty() ? "/" : path, attrs(n) + (n.type == FileType.REG
                ? " data " + Arrays.hashCode(readData(n, 0, (int) n.size)) : "") + (n.target != null ? " -> " + n.target : ""));
        for (Map.Entry<Filename, Node> e : n.entries.entrySet()) {
            snapshot(path + "/" + e.getKey(), e.getValue(), out);
        }
    }

    private Node make(String path, FileType type, int mode) {
        String[] p = parts(path);
        Node dir = parentOf(path);
        Node n = newNode(type, mode, 0, 0);
        bindEntry(dir, Filename.of(p[p.length - 1]), n);
        return n;
    }

    private Node parentOf(String path) {
        String[] p = parts(path);
        return node(dir(String.join("/", Arrays.copyOf(p, p.length - 1))));
    }

    private Node node(String path) {
        Node cur = root;
        for (String part : parts(path)) {
            cur = cur.entries.get(Filename.of(part));
            if (cur == null) {
                throw new IllegalArgumentException("no " + path);
            }
        }
        return cur;
    }

    private static String[] parts(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    // ---- the model, by handle (for the stores) ----

    synchronized Node node(FileHandle fh) {
        ByteBuffer b = ByteBuffer.wrap(fh.bytes());
        if (fh.bytes().length != 12 || b.getInt() != tag) {
            throw new NfsException(Nfs3Status.BADHANDLE, "not a handle of this tree");
        }
        Node n = byId.get(b.getLong());
        if (n == null) {
            throw new NfsException(Nfs3Status.STALE, "object is gone");
        }
        return n;
    }

    Node dirNode(FileHandle fh) {
        Node d = node(fh);
        if (d.type != FileType.DIR) {
            throw new NfsException(Nfs3Status.NOTDIR, "not a directory");
        }
        return d;
    }

    FileHandle handleOf(Node n) {
        return FileHandle.of(ByteBuffer.allocate(12).putInt(tag).putLong(n.id).array());
    }

    Node newNode(FileType type, int mode, int uid, int gid) {
        Node n = new Node(nextId++, type);
        n.mode = mode;
        n.uid = uid;
        n.gid = gid;
        n.atime = n.mtime = n.ctime = tick();
        byId.put(n.id, n);
        return n;
    }

    void bindEntry(Node dir, Filename name, Node child) {
        if (dir.entries.containsKey(name)) {
            throw new NfsException(Nfs3Status.EXIST, "'" + name + "' exists");
        }
        dir.entries.put(name, child);
        child.links++;
        if (child.type == FileType.DIR) {
            child.parent = dir;
        }
        touch(dir);
        child.ctime = tick();
    }

    void unbindEntry(Node dir, Filename name) {
        Node child = dir.entries.remove(name);
        child.links--;
        touch(dir);
        child.ctime = tick();
        if (child.links == 0) {
            byId.remove(child.id);
        }
    }

    void touch(Node n) {
        n.mtime = n.ctime = tick();
    }

    NfsTime3 tick() {
        return new NfsTime3(clock++, 0);
    }

    Fattr3 attrs(Node n) {
        int nlink = n.type == FileType.DIR
                ? 2 + (int) n.entries.values().stream().filter(c -> c.type == FileType.DIR).count()
                : n.links;
        long used = (long) n.pages.size() * PAGE;
        return new Fattr3(n.type, n.mode, nlink, n.uid, n.gid, n.size, used, n.rdev, FSID, n.id, n.atime, n.mtime,
                n.ctime);
    }

    void setattr(Node n, Sattr3 s) {
        if (s.size() != null) {
            if (n.type == FileType.DIR) {
                throw new NfsException(Nfs3Status.ISDIR, "size of a directory");
            }
            if (n.type != FileType.REG) {
                throw new NfsException(Nfs3Status.INVAL, "size of a " + n.type);
            }
            resize(n, s.size());
            n.mtime = tick();
        }
        if (s.mode() != null) {
            n.mode = s.mode() & 07777;
        }
        if (s.uid() != null) {
            n.uid = s.uid();
        }
        if (s.gid() != null) {
            n.gid = s.gid();
        }
        n.atime = time(s.atime(), n.atime);
        n.mtime = time(s.mtime(), n.mtime);
        n.ctime = tick();
    }

    private NfsTime3 time(SetTime how, NfsTime3 old) {
        return how.how() == TimeHow.DONT_CHANGE ? old : how.how() == TimeHow.SET_TO_SERVER_TIME ? tick() : how.time();
    }

    /** Cuts or extends the file: bytes past a cut are gone (an extension reads zeros). */
    void resize(Node n, long size) {
        if (size < n.size) {
            n.pages.keySet().removeIf(p -> p * PAGE >= size);
            byte[] last = n.pages.get(size / PAGE);
            if (last != null) {
                Arrays.fill(last, (int) (size % PAGE), PAGE, (byte) 0);
            }
        }
        n.size = size;
    }

    void writeData(Node n, long offset, byte[] data) {
        for (int done = 0; done < data.length; ) {
            long at = offset + done;
            int in = (int) (at % PAGE);
            int len = Math.min(PAGE - in, data.length - done);
            System.arraycopy(data, done, n.pages.computeIfAbsent(at / PAGE, k -> new byte[PAGE]), in, len);
            done += len;
        }
        n.size = Math.max(n.size, offset + data.length);
        touch(n);
    }

    byte[] readData(Node n, long offset, int count) {
        int len = (int) Math.max(0, Math.min(count, n.size - offset));
        byte[] out = new byte[len];
        for (int done = 0; done < len; ) {
            long at = offset + done;
            int in = (int) (at % PAGE);
            int piece = Math.min(PAGE - in, len - done);
            byte[] page = n.pages.get(at / PAGE);
            if (page != null) {
                System.arraycopy(page, in, out, done, piece);
            }
            done += piece;
        }
        return out;
    }
}
