package io.rowfs.tests.proxy;

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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Test rig: the back ends of a proxy peer test, made by {@link #builder}: main (by default
 * nfs-ganesha exporting {@code mainDir} read-only; or the project's shadow server, read-only) and
 * shadow (by default the project's shadow server over {@code shadowDir} in this JVM, optionally
 * behind a delaying relay; or nfs-ganesha), and proxies in front of them ({@link ProxyClient} talks
 * NFSv3 to one). With {@link ShadowKind#LOCAL} there is no shadow server: the proxies serve
 * {@code shadowDir} in their own process ({@code --shadow-dir}, its state in the proxy's state),
 * and set-ups that need a shadow server (nfs-ganesha as shadow, a delayed shadow) are not run
 * ({@link Setup#forCurrentKind()}, {@code ProxySlowShadowTest} left out of that execution).
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

        /** The set-ups this JVM's shadow kind can run: with the in-process shadow, none with ganesha as shadow. */
        static java.util.stream.Stream<Setup> forCurrentKind() {
            return java.util.Arrays.stream(values()).filter(s -> ShadowKind.current() == ShadowKind.NFS || !s.ganeshaShadow);
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
    /** The shadow the proxies use in this run. */
    final ShadowKind kind = ShadowKind.current();
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
        if (kind == ShadowKind.LOCAL && (setup.ganeshaShadow || !b.shadowDelay.isZero())) {
            throw new IllegalStateException("needs a shadow server (" + setup + ", shadow delay " + b.shadowDelay
                    + "): run it with the NFS shadow only");
        }
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
            shadow = setup.ganeshaShadow || kind == ShadowKind.LOCAL ? null : keep(startShadowServer(0));
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
            throw new IllegalStateException("the shadow is " + (kind == ShadowKind.LOCAL ? "in the proxy's process"
                    : "nfs-ganesha") + " here, not the shadow server");
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

    /** True when the shadow is the shadow server (so it can be restarted on its own). */
    boolean hasShadowServer() {
        return shadow != null;
    }

    BackendSpec shadowSpec() {
        if (kind == ShadowKind.LOCAL) {
            throw new IllegalStateException("the shadow is in the proxy's process: no shadow server");
        }
        if (shadow == null) {
            return new BackendSpec("127.0.0.1", shadowGanesha.hostNfsPort(), shadowGanesha.hostMountPort(),
                    shadowGanesha.exportPath());
        }
        int port = shadowRelay != null ? shadowRelay.port() : shadow.port();
        return new BackendSpec("127.0.0.1", port, port, shadow.fs().root().toString());
    }

    /** A proxy in this JVM in front of this rig, on an ephemeral port with state {@code state}, not started. */
    ProxyServer.Builder proxy(Path state) {
        ProxyServer.Builder b = ProxyServer.builder();
        if (kind == ShadowKind.LOCAL) {
            b.shadowDir(shadowDir);
        } else {
            b.shadow(shadowSpec());
        }
        return b.main(mainSpec()).state(state)
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
                "--main", mainSpec().toString(), shadowOption(), shadowArgument(),
                "--listen", "127.0.0.1:" + port, "--state", state.toString(), "--portmap", "-1",
                "--cache-size", "64M", "--max-objects", "100000", "--metrics", "off"));
        cmd.addAll(proxyOptions);
        return cmd;
    }

    /** The proxy option naming this run's shadow: {@code --shadow} or {@code --shadow-dir}. */
    String shadowOption() {
        return kind == ShadowKind.LOCAL ? "--shadow-dir" : "--shadow";
    }

    /** Its value: the shadow server's spec, or the shadow directory. */
    String shadowArgument() {
        return kind == ShadowKind.LOCAL ? shadowDir.toString() : shadowSpec().toString();
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
