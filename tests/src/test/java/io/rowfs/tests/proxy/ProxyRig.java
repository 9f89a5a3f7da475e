package io.rowfs.tests.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.client.RpcClient;
import io.rowfs.protocol.mount.MountClient;
import io.rowfs.protocol.mount.MountResult;
import io.rowfs.protocol.nfs3.*;
import io.rowfs.protocol.rpc.AuthSys;
import io.rowfs.protocol.rpc.Credentials;
import io.rowfs.proxy.backend.BackendSpec;
import io.rowfs.proxy.server.ProxyServer;
import io.rowfs.shadow.ShadowServer;
import io.rowfs.tests.peers.Ganesha;
import io.rowfs.tests.peers.NfsUrl;
import io.rowfs.tests.peers.WanRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Test rig: the back ends of a proxy peer test, made by {@link #builder}: main (by default
 * nfs-ganesha exporting {@code mainDir} read-only; or the project's shadow server, read-only) and
 * shadow (by default the project's shadow server over {@code shadowDir} in this JVM, optionally
 * behind a delaying relay; or nfs-ganesha), and helpers to talk NFSv3 to a proxy in front of them.
 * Back-end state lives in {@code work/shadow-state} and {@code work/main-state}; a proxy's state
 * by default in {@link #proxyState()}.
 */
final class ProxyRig implements AutoCloseable {
    static final Credentials ROOT = new AuthSys(0, "rowfs-test", 0, 0);

    /** Which server plays main and which plays shadow. */
    enum Setup {
        GANESHA_MAIN_SHADOW_SERVER(true, false),
        SHADOW_SERVER_READ_ONLY_MAIN(false, false),
        GANESHA_MAIN_GANESHA_SHADOW(true, true);

        final boolean ganeshaMain;
        final boolean ganeshaShadow;

        Setup(boolean ganeshaMain, boolean ganeshaShadow) {
            this.ganeshaMain = ganeshaMain;
            this.ganeshaShadow = ganeshaShadow;
        }
    }

    /** What a test changes from the default rig; {@link #start()} adds a proxy and a client. */
    static final class Builder {
        private final Path mainDir;
        private final Path shadowDir;
        private final Path work;
        private Setup setup = Setup.GANESHA_MAIN_SHADOW_SERVER;
        private Duration shadowDelay = Duration.ZERO;
        private UnaryOperator<ProxyServer.Builder> proxyOptions = UnaryOperator.identity();

        private Builder(Path mainDir, Path shadowDir, Path work) {
            this.mainDir = mainDir;
            this.shadowDir = shadowDir;
            this.work = work;
        }

        Builder setup(Setup s) {
            this.setup = s;
            return this;
        }

        /** Main is the project's shadow server in read-only mode instead of nfs-ganesha. */
        Builder mainOnShadowServer() {
            return setup(Setup.SHADOW_SERVER_READ_ONLY_MAIN);
        }

        /** The shadow server is reached through a {@link WanRelay} adding {@code oneWay} each way. */
        Builder shadowDelay(Duration oneWay) {
            this.shadowDelay = oneWay;
            return this;
        }

        /** Options of the proxy {@link #start()} starts, on top of {@link ProxyRig#proxy}'s. */
        Builder proxyOptions(UnaryOperator<ProxyServer.Builder> options) {
            this.proxyOptions = options;
            return this;
        }

        /** Starts the back ends only (for tests that start their proxies themselves). */
        ProxyRig backEnds() throws IOException {
            return new ProxyRig(this);
        }

        /** Starts the back ends, a proxy in this JVM on {@link ProxyRig#proxyState()}, and a client mounted on it. */
        ProxyStack start() throws Exception {
            return ProxyStack.start(backEnds(), proxyOptions);
        }
    }

    final Ganesha main;
    private final ShadowServer mainServer;
    private final Ganesha shadowGanesha;
    /** Replaced by {@link #restartShadow()}; test thread only. */
    private ShadowServer shadow;
    private final WanRelay shadowRelay;
    private final Path shadowDir;
    private final Path work;
    private final List<AutoCloseable> all = new java.util.ArrayList<>();

    /** A rig over {@code mainDir} and {@code shadowDir}, keeping its state and logs in {@code work}. */
    static Builder builder(Path mainDir, Path shadowDir, Path work) {
        return new Builder(mainDir, shadowDir, work);
    }

    private ProxyRig(Builder b) throws IOException {
        Setup setup = b.setup;
        if (setup.ganeshaShadow && !b.shadowDelay.isZero()) {
            throw new IllegalArgumentException("a shadow delay needs the shadow server as shadow, not " + setup);
        }
        shadowDir = b.shadowDir;
        work = b.work;
        try {
            main = setup.ganeshaMain ? keep(Ganesha.start(b.mainDir, true)) : null;
            mainServer = setup.ganeshaMain ? null : keep(ShadowServer.builder().export(b.mainDir)
                    .stateDir(work.resolve("main-state")).readOnly(true)
                    .listen(new InetSocketAddress("127.0.0.1", 0)).build().start());
            shadowGanesha = setup.ganeshaShadow ? keep(Ganesha.start(shadowDir, false)) : null;
            shadow = setup.ganeshaShadow ? null : keep(startShadowServer(0));
            shadowRelay = b.shadowDelay.isZero() ? null : keep(WanRelay.start(new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("127.0.0.1", shadow.port()), b.shadowDelay, 0));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private ShadowServer startShadowServer(int port) throws IOException {
        return ShadowServer.builder().export(shadowDir).stateDir(work.resolve("shadow-state"))
                .listen(new InetSocketAddress("127.0.0.1", port)).build().start();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        all.add(resource);
        return resource;
    }

    /**
     * Stops the shadow server and starts it again on the same port and state, as a shadow that
     * restarted (its write verifier changes). Test thread only.
     */
    void restartShadow() throws IOException {
        if (shadow == null) {
            throw new IllegalStateException("the shadow is nfs-ganesha here, not the shadow server");
        }
        int at = all.indexOf(shadow);
        int port = shadow.port();
        shadow.close();
        shadow = startShadowServer(port);
        all.set(at, shadow);
    }

    /** The state folder of a proxy unless a test names another: {@code work/proxy-state}. */
    Path proxyState() {
        return work.resolve("proxy-state");
    }

    BackendSpec mainSpec() {
        return main != null
                ? new BackendSpec("127.0.0.1", main.hostNfsPort(), main.hostMountPort(), main.exportPath())
                : new BackendSpec("127.0.0.1", mainServer.port(), mainServer.port(), mainServer.fs().root().toString());
    }

    BackendSpec shadowSpec() {
        if (shadow == null) {
            return new BackendSpec("127.0.0.1", shadowGanesha.hostNfsPort(), shadowGanesha.hostMountPort(),
                    shadowGanesha.exportPath());
        }
        int port = shadowRelay != null ? shadowRelay.port() : shadow.port();
        return new BackendSpec("127.0.0.1", port, port, shadow.fs().root().toString());
    }

    /** A proxy in this JVM in front of this rig, on an ephemeral port with state {@code state}, not started. */
    ProxyServer.Builder proxy(Path state) {
        return ProxyServer.builder().main(mainSpec()).shadow(shadowSpec()).state(state)
                .listen(new InetSocketAddress("127.0.0.1", 0)).cacheBytes(64L << 20).maxObjects(100_000);
    }

    ProxyServer startProxy(Path state) throws IOException {
        return proxy(state).build().start();
    }

    /**
     * The command line of a proxy in its own JVM (so a test can kill it), on {@code port} with state
     * {@code state}; {@code jvmOptions} go before the main class (e.g. {@code -Drowfs.crash-at=...}).
     */
    List<String> proxyProcess(int port, Path state, String... jvmOptions) {
        return proxyProcess(port, state, List.of(jvmOptions), List.of());
    }

    /** As above, with {@code proxyOptions} added to the proxy's own command line. */
    List<String> proxyProcess(int port, Path state, List<String> jvmOptions, List<String> proxyOptions) {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-Dchronicle.")) {
                cmd.add(a);
            }
        }
        cmd.add("-Dchronicle.analytics.disable=true");
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.rowfs.app.Rowfs", "proxy",
                "--main", mainSpec().toString(), "--shadow", shadowSpec().toString(),
                "--listen", "127.0.0.1:" + port, "--state", state.toString(), "--portmap", "-1",
                "--cache-size", "64M", "--max-objects", "100000", "--metrics", "off"));
        cmd.addAll(proxyOptions);
        return cmd;
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String url(ProxyServer p, String rel) {
        return NfsUrl.v3("127.0.0.1", p.exportPath(), rel, p.port(), p.port());
    }

    @Override
    public void close() {
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (Exception e) {
                // closing: go on with the rest
            }
        }
    }

    /** A typed NFSv3 client on one proxy, with its mounted root. */
    static final class Client implements AutoCloseable {
        final RpcClient rpc;
        final Nfs3Client nfs;
        final FileHandle root;

        Client(int port, String exportPath) throws Exception {
            this(port, exportPath, false);
        }

        /** A client over UDP ({@code udp}) or TCP, for both MOUNT and NFS. */
        Client(int port, String exportPath, boolean udp) throws Exception {
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
        static Client on(ProxyServer proxy) throws Exception {
            return new Client(proxy.port(), proxy.exportPath(), false);
        }

        /** A client on {@code proxy} over UDP. */
        static Client udpOn(ProxyServer proxy) throws Exception {
            return new Client(proxy.port(), proxy.exportPath(), true);
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
    }

    /** A whole READDIRPLUS listing, by name, and the number of pages it took. */
    record Listing(Map<String, DirEntryPlus> entries, int pages) {
    }

    /** md5 of every regular file under {@code dir}, by relative path (symlinks by target). */
    static Map<String, String> checksums(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    out.put(rel, md5(Files.readAllBytes(p)));
                } else if (Files.isDirectory(p)) {
                    out.put(rel + "/", "dir");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
