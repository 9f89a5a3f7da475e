package io.rowfs.tests.proxy;

import static io.rowfs.tests.proxy.ProxyRig.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.mount.MountClient;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.nfs3.*;
import io.rowfs.proxy.server.ProxyServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** A typed NFSv3 client on one proxy, with its mounted root. */
final class ProxyClient implements AutoCloseable {
    final RpcClient rpc;
    final Nfs3Client nfs;
    final FileHandle root;

    ProxyClient(int port, String exportPath) throws Exception {
        this(port, exportPath, false);
    }

    /** A client over UDP ({@code udp}) or TCP, for both MOUNT and NFS. */
    ProxyClient(int port, String exportPath, boolean udp) throws Exception {
        InetSocketAddress where = new InetSocketAddress("127.0.0.1", port);
        try (RpcClient m = (udp ? RpcClient.udpBuilder(where) : RpcClient.builder(where)).build()) {
            MountResult r = new MountClient(m, ROOT).mount(exportPath).get(30, TimeUnit.SECONDS);
            assertTrue(r.isOk(), "mount: " + r.status());
            root = FileHandle.of(r.handle());
        }
        rpc = (udp ? RpcClient.udpBuilder(where) : RpcClient.builder(where)).build();
        nfs = new Nfs3Client(rpc);
    }

    /** A client on {@code proxy} over TCP. */
    static ProxyClient on(ProxyServer proxy) throws Exception {
        return new ProxyClient(proxy.port(), proxy.exportPath(), false);
    }

    /** A client on {@code proxy} over UDP. */
    static ProxyClient udpOn(ProxyServer proxy) throws Exception {
        return new ProxyClient(proxy.port(), proxy.exportPath(), true);
    }

    <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    FileHandle lookup(FileHandle dir, String name) throws Exception {
        LookupResult r = get(nfs.lookup(ROOT, new LookupArgs(dir, Filename.of(name))));
        assertEquals(Nfs3Status.OK, r.status(), "LOOKUP " + name);
        return r.object();
    }

    FileHandle path(String rel) throws Exception {
        FileHandle cur = root;
        for (String p : rel.split("/")) {
            if (!p.isEmpty()) {
                cur = lookup(cur, p);
            }
        }
        return cur;
    }

    Nfs3Status lookupStatus(FileHandle dir, String name) throws Exception {
        return get(nfs.lookup(ROOT, new LookupArgs(dir, Filename.of(name)))).status();
    }

    Fattr3 getattr(FileHandle fh) throws Exception {
        GetattrResult r = get(nfs.getattr(ROOT, new GetattrArgs(fh)));
        assertEquals(Nfs3Status.OK, r.status(), "GETATTR");
        return r.attributes();
    }

    WriteResult write(FileHandle fh, long offset, byte[] data, StableHow stable) throws Exception {
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(data);
        try {
            WriteResult r = get(nfs.write(ROOT, new WriteArgs(fh, offset, data.length, stable, buf)));
            assertEquals(Nfs3Status.OK, r.status(), "WRITE at " + offset);
            assertEquals(data.length, r.count());
            return r;
        } finally {
            buf.release();
        }
    }

    byte[] read(FileHandle fh, long offset, int count) throws Exception {
        ReadResult r = get(nfs.read(ROOT, new ReadArgs(fh, offset, count)));
        try {
            assertEquals(Nfs3Status.OK, r.status(), "READ at " + offset);
            byte[] out = new byte[r.data().readableBytes()];
            r.data().readBytes(out);
            return out;
        } finally {
            r.release();
        }
    }

    byte[] readAll(FileHandle fh) throws Exception {
        long size = getattr(fh).size();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (out.size() < size) {
            byte[] part = read(fh, out.size(), 64 * 1024);
            if (part.length == 0) {
                break;
            }
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    void setSize(FileHandle fh, long size) throws Exception {
        SetattrResult r = get(nfs.setattr(ROOT, new SetattrArgs(fh,
                new Sattr3(null, null, null, size, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE), null)));
        assertEquals(Nfs3Status.OK, r.status(), "SETATTR size " + size);
    }

    FileHandle create(FileHandle dir, String name) throws Exception {
        NewObjectResult r = get(nfs.create(ROOT, new CreateArgs(dir, Filename.of(name), new CreateHow(CreateMode.GUARDED,
                new Sattr3(0644, null, null, null, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE), null))));
        assertEquals(Nfs3Status.OK, r.status(), "CREATE " + name);
        return r.object();
    }

    FileHandle mkdir(FileHandle dir, String name) throws Exception {
        NewObjectResult r = get(nfs.mkdir(ROOT, new MkdirArgs(dir, Filename.of(name),
                new Sattr3(0755, null, null, null, SetTime.DONT_CHANGE, SetTime.DONT_CHANGE))));
        assertEquals(Nfs3Status.OK, r.status(), "MKDIR " + name);
        return r.object();
    }

    Nfs3Status remove(FileHandle dir, String name) throws Exception {
        return get(nfs.remove(ROOT, new RemoveArgs(dir, Filename.of(name)))).status();
    }

    Nfs3Status rmdir(FileHandle dir, String name) throws Exception {
        return get(nfs.rmdir(ROOT, new RmdirArgs(dir, Filename.of(name)))).status();
    }

    Nfs3Status rename(FileHandle from, String a, FileHandle to, String b) throws Exception {
        return get(nfs.rename(ROOT, new RenameArgs(from, Filename.of(a), to, Filename.of(b)))).status();
    }

    /** The directory's names (READDIR, every page), without "." and "..", sorted. */
    List<String> names(FileHandle dir) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        long cookie = 0;
        io.rowfs.protocol.nfs3.Verifier verifier = io.rowfs.protocol.nfs3.Verifier.ZERO;
        while (true) {
            io.rowfs.protocol.nfs3.ReaddirResult page = get(nfs.readdir(ROOT,
                    new io.rowfs.protocol.nfs3.ReaddirArgs(dir, cookie, verifier, 8192)));
            assertEquals(Nfs3Status.OK, page.status(), "READDIR");
            for (io.rowfs.protocol.nfs3.DirEntry e : page.entries()) {
                cookie = e.cookie();
                String n = e.name().toString();
                if (!n.equals(".") && !n.equals("..")) {
                    out.add(n);
                }
            }
            verifier = page.cookieVerifier();
            if (page.eof() || page.entries().isEmpty()) {
                break;
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    /**
     * Every entry of {@code dir} by name ("." and ".." included), read in READDIRPLUS pages of
     * {@code dircount} and {@code maxcount} bytes: each name once, each with a handle and with
     * attributes whose fileid is the entry's.
     */
    Listing readdirplus(FileHandle dir, int dircount, int maxcount) throws Exception {
        Map<String, DirEntryPlus> out = new TreeMap<>();
        long cookie = 0;
        int pages = 0;
        while (true) {
            ReaddirplusResult page = get(nfs.readdirplus(ROOT,
                    new ReaddirplusArgs(dir, cookie, Verifier.ZERO, dircount, maxcount)));
            assertEquals(Nfs3Status.OK, page.status(), "READDIRPLUS");
            for (DirEntryPlus e : page.entries()) {
                assertTrue(out.put(e.name().toString(), e) == null, "twice: " + e.name());
                assertTrue(e.attributes().isPresent(), "attributes of " + e.name());
                assertNotNull(e.handle(), "handle of " + e.name());
                assertEquals(e.fileId(), e.attributes().attributes().fileid(), "fileid of " + e.name());
                cookie = e.cookie();
            }
            pages++;
            if (page.eof()) {
                break;
            }
        }
        return new Listing(out, pages);
    }

    CommitResult commit(FileHandle fh) throws Exception {
        CommitResult r = get(nfs.commit(ROOT, new CommitArgs(fh, 0, 0)));
        assertEquals(Nfs3Status.OK, r.status(), "COMMIT");
        return r;
    }

    @Override
    public void close() {
        rpc.close();
    }

    /** A whole READDIRPLUS listing, by name, and the number of pages it took. */
    record Listing(Map<String, DirEntryPlus> entries, int pages) {
    }
}
