package io.rowfs.shadow.fs;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Persistent map inode number → (parent inode, name, generation), the memory of where each object
 * handed out in a handle lives. Kept in memory and appended to a log in the state directory; the
 * log is replayed and compacted when the table opens. A torn last record (crash) is ignored: a
 * missing entry only costs a scan in {@link PathResolver}.
 *
 * <pre>
 *  record:  op (u8) | inode (u64) | parent (u64) | generation (u32) | name length (u16) | name (UTF-8)
 *           op 1 = put, op 2 = remove (parent, generation and name are zero/empty)
 * </pre>
 *
 * Thread-safety: the map is concurrent; appends to the log are serialised on {@code this}.
 */
public final class InodeTable implements AutoCloseable {
    static final int PUT = 1;
    static final int REMOVE = 2;

    /** Where an object was last seen, and the generation its handles carry. */
    public record Entry(long parent, String name, int generation) {
    }

    private final Path log;
    private final Map<Long, Entry> map = new ConcurrentHashMap<>();
    /** Guarded by {@code this}. */
    private DataOutputStream out;

    private InodeTable(Path log) {
        this.log = log;
    }

    /** Replays and compacts {@code log}, then opens it for appending. */
    public static InodeTable open(Path log) throws IOException {
        InodeTable t = new InodeTable(log);
        if (Files.exists(log)) {
            try (InputStream in = Files.newInputStream(log)) {
                t.replay(new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16)));
            }
        }
        Path tmp = log.resolveSibling(log.getFileName() + ".compact");
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            for (Map.Entry<Long, Entry> e : t.map.entrySet()) {
                writeRecord(o, PUT, e.getKey(), e.getValue());
            }
        }
        Files.move(tmp, log, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        OutputStream os = Files.newOutputStream(log, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        t.out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
        return t;
    }

    private void replay(DataInputStream in) throws IOException {
        while (true) {
            try {
                int op = in.readUnsignedByte();
                long ino = in.readLong();
                long parent = in.readLong();
                int gen = in.readInt();
                int len = in.readUnsignedShort();
                byte[] name = new byte[len];
                in.readFully(name);
                if (op == PUT) {
                    map.put(ino, new Entry(parent, new String(name, StandardCharsets.UTF_8), gen));
                } else if (op == REMOVE) {
                    map.remove(ino);
                } else {
                    return; // garbage tail
                }
            } catch (EOFException e) {
                return;
            }
        }
    }

    private static void writeRecord(DataOutputStream o, int op, long ino, Entry e) throws IOException {
        o.writeByte(op);
        o.writeLong(ino);
        if (e == null) {
            o.writeLong(0);
            o.writeInt(0);
            o.writeShort(0);
            return;
        }
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        o.writeLong(e.parent());
        o.writeInt(e.generation());
        o.writeShort(name.length);
        o.write(name);
    }

    public Entry get(long inode) {
        return map.get(inode);
    }

    public int size() {
        return map.size();
    }

    /** Records where {@code inode} lives; a no-op when nothing changed. */
    public void put(long inode, long parent, String name, int generation) throws IOException {
        Entry e = new Entry(parent, name, generation);
        if (e.equals(map.get(inode))) {
            return;
        }
        synchronized (this) {
            map.put(inode, e);
            writeRecord(out, PUT, inode, e);
            out.flush(); // into the OS: survives a killed JVM; only a host crash loses the tail
        }
    }

    public void remove(long inode) throws IOException {
        if (!map.containsKey(inode)) {
            return;
        }
        synchronized (this) {
            if (map.remove(inode) != null) {
                writeRecord(out, REMOVE, inode, null);
                out.flush();
            }
        }
    }

    /** Pushes buffered records to the log file (called periodically and on close). */
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
