package io.rowfs.tests.peers;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace owned by one test: loopback up (127.0.0.1 and 127.0.0.2/8), optional tap
 * devices with addresses for QEMU guests, and the processes started inside it. Nothing is added to
 * the host namespace. {@link #close()} stops the processes (by PID), closes the bridges and deletes
 * the namespace (and so its taps). Made by {@code tests/peers/netns.sh}.
 *
 * <p>Running a Java server inside: {@link #startJava} starts a JVM with this JVM's classpath (so any
 * main class the test can see, e.g. {@code io.rowfs.app.Rowfs} with {@code shadow-server ...}) under
 * {@code ip netns exec}, with the Chronicle/Netty flags of this JVM and
 * {@code -Dchronicle.analytics.disable=true}. A test then reaches it from inside the namespace (a
 * QEMU guest on the tap, {@code Libnfs.inNetns}) or from the host through {@link #bridgeToHost}.
 */
public final class Netns implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final Path workDir;
    private final boolean deleteOnClose;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Netns(String name, Path workDir, boolean deleteOnClose) {
        this.name = name;
        this.workDir = workDir;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * A handle on an existing namespace made by someone else (e.g. ganesha.sh): {@link #close()} stops
     * what was started through this handle but does not delete the namespace.
     */
    public static Netns adopt(String name) {
        if (!Files.exists(Path.of("/run/netns", name))) {
            throw new PeerException("no network namespace '" + name + "'");
        }
        try {
            return new Netns(name, Files.createTempDirectory("rowfs-netns-" + name + "-"), false);
        } catch (IOException e) {
            throw new PeerException("cannot create a work directory", e);
        }
    }

    /**
     * Creates {@code <prefix>-<pid>-<n>} (unique on the machine). {@code taps} are pairs of interface
     * name and address, e.g. {@code create("shadow", "tap0", "10.0.2.1/24")}.
     */
    public static Netns create(String prefix, String... taps) {
        if (taps.length % 2 != 0) {
            throw new IllegalArgumentException("taps must be pairs of IFNAME, CIDR: " + Arrays.toString(taps));
        }
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        List<String> cmd = new ArrayList<>(List.of("bash", PeerScripts.script("netns.sh"), "add", name));
        for (int i = 0; i < taps.length; i += 2) {
            cmd.addAll(List.of("--tap", taps[i], taps[i + 1]));
        }
        Processes.run(cmd, Duration.ofSeconds(20)).checkOk();
        try {
            return new Netns(name, Files.createTempDirectory("rowfs-netns-" + name + "-"), true);
        } catch (IOException e) {
            Processes.run(List.of("ip", "netns", "del", name), Duration.ofSeconds(10));
            throw new PeerException("cannot create a work directory", e);
        }
    }

    public String name() {
        return name;
    }

    /** A scratch directory for this namespace's logs and sockets (deleted by close). */
    public Path workDir() {
        return workDir;
    }

    /** Runs {@code command} inside the namespace to completion. */
    public ProcessResult exec(Duration timeout, String... command) {
        return Processes.run(Processes.inNetns(name, List.of(command)), timeout);
    }

    /** Starts {@code command} inside the namespace; it is stopped by {@link #close()} at the latest. */
    public ManagedProcess start(String logName, List<String> command) {
        ManagedProcess p = ManagedProcess.start(Processes.inNetns(name, command), workDir.resolve(logName + ".log"));
        synchronized (owned) {
            owned.add(p);
        }
        return p;
    }

    /**
     * Starts {@code java [flags] -cp <this JVM's classpath> mainClass args} inside the namespace; its
     * output goes to {@code workDir()/<logName>.log}. Wait for readiness with
     * {@link ManagedProcess#awaitLog}.
     */
    public ManagedProcess startJava(String logName, List<String> jvmArgs, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(inheritedJvmFlags());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return start(logName, cmd);
    }

    /**
     * Makes TCP ports listening inside the namespace reachable from the host namespace at
     * 127.0.0.1:{@code hostPort(p)} (ephemeral), through one {@link PortBridge} JVM in the namespace
     * and in-process bridges here, joined by unix sockets in {@link #workDir()}.
     */
    public HostBridge bridgeToHost(int... netnsPorts) {
        List<String> args = new ArrayList<>();
        for (int p : netnsPorts) {
            args.add("unix:" + workDir.resolve("port-" + p + ".sock") + "=tcp:127.0.0.1:" + p);
        }
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx64m", "-cp", codeSourceOf(PortBridge.class), PortBridge.class.getName()));
        cmd.addAll(args);
        ManagedProcess inside = start("bridge-" + COUNTER.incrementAndGet(), cmd);
        Map<Integer, PortBridge> bridges = new LinkedHashMap<>();
        try {
            for (int p : netnsPorts) {
                inside.awaitLog("listening unix:" + workDir.resolve("port-" + p + ".sock"), Duration.ofSeconds(20));
            }
            for (int p : netnsPorts) {
                bridges.put(p, PortBridge.start("tcp:127.0.0.1:0", "unix:" + workDir.resolve("port-" + p + ".sock")));
            }
        } catch (IOException | RuntimeException e) {
            bridges.values().forEach(PortBridge::close);
            inside.close();
            throw e instanceof PeerException pe ? pe : new PeerException("cannot bridge ports of " + name, e);
        }
        HostBridge hb = new HostBridge(inside, bridges);
        synchronized (owned) {
            owned.add(hb);
        }
        return hb;
    }

    /** Host-side ends of {@link #bridgeToHost}. */
    public static final class HostBridge implements AutoCloseable {
        private final ManagedProcess inside;
        private final Map<Integer, PortBridge> bridges;

        HostBridge(ManagedProcess inside, Map<Integer, PortBridge> bridges) {
            this.inside = inside;
            this.bridges = bridges;
        }

        /** The 127.0.0.1 port in the host namespace that reaches {@code netnsPort} in the namespace. */
        public int hostPort(int netnsPort) {
            PortBridge b = bridges.get(netnsPort);
            if (b == null) {
                throw new IllegalArgumentException("port " + netnsPort + " is not bridged; bridged: " + bridges.keySet());
            }
            return b.port();
        }

        @Override
        public void close() {
            bridges.values().forEach(PortBridge::close);
            inside.close();
        }
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (owned) {
            toClose = new ArrayList<>(owned);
            owned.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.err.println("Netns " + name + ": closing " + toClose.get(i) + " failed: " + e);
            }
        }
        if (deleteOnClose) {
            Processes.run(List.of("bash", PeerScripts.script("netns.sh"), "del", name), Duration.ofSeconds(20));
        }
        deleteTree(workDir);
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** --add-opens/--add-exports and -D flags for Chronicle and Netty of this JVM, plus analytics off. */
    static List<String> inheritedJvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-Dchronicle.")
                    || a.startsWith("-Dio.netty.")) {
                flags.add(a);
            }
        }
        flags.add("-Dchronicle.analytics.disable=true");
        return flags;
    }

    static String codeSourceOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new PeerException("cannot locate the classes of " + c, e);
        }
    }
}
