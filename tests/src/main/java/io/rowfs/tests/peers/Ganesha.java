package io.rowfs.tests.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * nfs-ganesha (VFS FSAL, or PROXY_V4) exporting one directory over NFSv3/v4, in a network namespace,
 * started by {@code tests/peers/ganesha.sh}.
 *
 * <pre>
 *   try (Ganesha g = Ganesha.start(dir, false)) {            // own netns, bridged to the host
 *       Libnfs.host().ls(g.hostUrl(""));                     // from this JVM's namespace
 *       Libnfs.inNetns(g.netns()).ls(g.url(""));             // from inside its namespace
 *   }
 *   try (Netns ns = Netns.create("x", "tap0", "10.0.2.1/24");
 *        Ganesha g = Ganesha.builder(dir).netns(ns).start()) { ... a QEMU guest on tap0 mounts
 *        10.0.2.1:dir with ports g.nfsPort()/g.mountPort() ... }
 * </pre>
 * Inside its namespace ganesha listens on every address (it ignores Bind_addr) on {@link #nfsPort()}
 * and {@link #mountPort()}; the export path (and NFSv4 pseudo path) is the directory's absolute path.
 * {@link #close()} kills ganesha and rpcbind by PID and deletes the namespace if it created it.
 */
public final class Ganesha implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String netns;
    private final Path workDir;
    private final String exportPath;
    private final int nfsPort;
    private final int mountPort;
    private final long pid;
    private final Netns ownBridgeNetnsHandle;
    private final Netns.HostBridge bridge;

    private Ganesha(Map<String, String> info, Netns.HostBridge bridge, Netns bridgeOwner) {
        this.netns = info.get("netns");
        this.workDir = Path.of(info.get("workdir"));
        this.exportPath = info.get("export");
        this.nfsPort = Integer.parseInt(info.get("nfs_port"));
        this.mountPort = Integer.parseInt(info.get("mnt_port"));
        this.pid = Long.parseLong(info.get("ganesha_pid"));
        this.bridge = bridge;
        this.ownBridgeNetnsHandle = bridgeOwner;
    }

    /** Starts ganesha in a new namespace exporting {@code exportDir}, bridged to the host namespace. */
    public static Ganesha start(Path exportDir, boolean readOnly) {
        return builder(exportDir).readOnly(readOnly).start();
    }

    public static Builder builder(Path exportDir) {
        return new Builder(exportDir);
    }

    /** Options of {@link Ganesha}; defaults: RW, ports 2049/20048, a new namespace, host bridge on. */
    public static final class Builder {
        private final Path exportDir;
        private boolean readOnly;
        private int nfsPort = 2049;
        private int mountPort = 20048;
        private Netns netns;
        private boolean hostBridge = true;
        private String proxyServer;
        private int proxyPort = 2049;
        private Duration timeout = Duration.ofSeconds(60);

        Builder(Path exportDir) {
            this.exportDir = exportDir.toAbsolutePath();
        }

        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        public Builder ports(int nfs, int mount) {
            this.nfsPort = nfs;
            this.mountPort = mount;
            return this;
        }

        /** Runs inside {@code ns} (kept on close) instead of a namespace of its own. */
        public Builder netns(Netns ns) {
            this.netns = ns;
            return this;
        }

        /** Whether to bridge the ports to 127.0.0.1 of the host namespace (one extra small JVM). */
        public Builder hostBridge(boolean on) {
            this.hostBridge = on;
            return this;
        }

        /** Use FSAL PROXY_V4: re-export {@code server:port} (an NFSv4.1 server reachable from the netns). */
        public Builder proxyV4(String server, int port) {
            this.proxyServer = server;
            this.proxyPort = port;
            return this;
        }

        public Builder startTimeout(Duration t) {
            this.timeout = t;
            return this;
        }

        public Ganesha start() {
            String name = netns != null ? netns.name()
                    : "rowfs-ganesha-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
            List<String> cmd = new ArrayList<>(List.of("bash", PeerScripts.script("ganesha.sh"), "start",
                    "--export", exportDir.toString(), "--netns", name,
                    "--nfs-port", Integer.toString(nfsPort), "--mnt-port", Integer.toString(mountPort)));
            if (readOnly) {
                cmd.add("--ro");
            }
            if (proxyServer != null) {
                cmd.addAll(List.of("--fsal", "PROXY_V4", "--proxy-server", proxyServer,
                        "--proxy-port", Integer.toString(proxyPort)));
            }
            ProcessResult r = Processes.run(cmd, timeout);
            if (!r.ok()) {
                Processes.run(List.of("bash", PeerScripts.script("ganesha.sh"), "stop", name, Integer.toString(nfsPort)),
                        Duration.ofSeconds(30));
                throw new PeerException("nfs-ganesha did not start: " + r.describe());
            }
            Map<String, String> info = parse(r.stdoutText());
            if (!hostBridge) {
                return new Ganesha(info, null, null);
            }
            Netns bridgeNs = netns;
            Netns handle = null;
            try {
                if (bridgeNs == null) {
                    handle = Netns.adopt(name);
                    bridgeNs = handle;
                }
                return new Ganesha(info, bridgeNs.bridgeToHost(nfsPort, mountPort), handle);
            } catch (RuntimeException e) {
                Processes.run(List.of("bash", PeerScripts.script("ganesha.sh"), "stop", name, Integer.toString(nfsPort)),
                        Duration.ofSeconds(30));
                throw e;
            }
        }
    }

    /** Parses the {@code key=value} lines the peer scripts print. */
    static Map<String, String> parseKeyValues(String lines) {
        Map<String, String> m = new HashMap<>();
        for (String line : lines.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return m;
    }

    static Map<String, String> parse(String keyValueLines) {
        Map<String, String> m = parseKeyValues(keyValueLines);
        for (String k : List.of("netns", "workdir", "export", "nfs_port", "mnt_port", "ganesha_pid")) {
            if (!m.containsKey(k)) {
                throw new PeerException("ganesha.sh printed no '" + k + "': " + keyValueLines);
            }
        }
        return m;
    }

    /** The network namespace ganesha runs in (run clients with {@code ip netns exec} or {@link Libnfs#inNetns}). */
    public String netns() {
        return netns;
    }

    public int nfsPort() {
        return nfsPort;
    }

    public int mountPort() {
        return mountPort;
    }

    /** The exported directory's absolute path, which is also the MOUNT path. */
    public String exportPath() {
        return exportPath;
    }

    public long pid() {
        return pid;
    }

    /** The ganesha log (kept until close). */
    public Path log() {
        return workDir.resolve("ganesha.log");
    }

    /** A libnfs URL for {@code relPath} under the export, for clients inside the namespace. */
    public String url(String relPath) {
        return NfsUrl.v3("127.0.0.1", exportPath, relPath, nfsPort, mountPort);
    }

    /** 127.0.0.1 port of the host namespace that reaches ganesha's NFS port (needs the host bridge). */
    public int hostNfsPort() {
        return requireBridge().hostPort(nfsPort);
    }

    public int hostMountPort() {
        return requireBridge().hostPort(mountPort);
    }

    /** A libnfs URL for {@code relPath} under the export, for clients in the host namespace. */
    public String hostUrl(String relPath) {
        return NfsUrl.v3("127.0.0.1", exportPath, relPath, hostNfsPort(), hostMountPort());
    }

    private Netns.HostBridge requireBridge() {
        if (bridge == null) {
            throw new IllegalStateException("started with hostBridge(false)");
        }
        return bridge;
    }

    @Override
    public void close() {
        if (bridge != null) {
            bridge.close();
        }
        if (ownBridgeNetnsHandle != null) {
            ownBridgeNetnsHandle.close();
        }
        ProcessResult r = Processes.run(List.of("bash", PeerScripts.script("ganesha.sh"), "stop", netns,
                        Integer.toString(nfsPort)),
                Duration.ofSeconds(30));
        if (!r.ok()) {
            System.err.println("Ganesha: stop failed: " + r.describe());
        }
    }
}
