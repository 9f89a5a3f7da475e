package io.rowfs.proxy.server;

import io.rowfs.cli.HostPort;
import io.rowfs.cli.Subcommand;
import io.rowfs.metrics.MetricsHttpServer;
import io.rowfs.proxy.backend.BackendSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rowfs proxy}: the redirect-on-write NFSv3 proxy in front of a read-only main and a shadow. */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = {"Redirect-on-write NFSv3 proxy: one read-write file system made of",
            "a read-only main export and a shadow export.",
            "Back ends are HOST:NFSPORT[/MOUNTPORT]:/export (MOUNT on the NFS port if omitted);",
            "the shadow is either such a server (--shadow) or a local directory (--shadow-dir)."})
public final class ProxyCommand implements Subcommand {
    @Option(names = "--main", required = true, description = "read-only main server, HOST:NFSPORT[/MOUNTPORT]:/export")
    String main;
    @Option(names = "--shadow", description = "read-write shadow server, HOST:NFSPORT[/MOUNTPORT]:/export (or --shadow-dir)")
    String shadow;
    @Option(names = "--shadow-dir", description = "the shadow as a local directory served in this process, no shadow server "
            + "(its state in STATE/shadow); exclusive with --shadow")
    Path shadowDir;
    @Option(names = "--listen", defaultValue = "127.0.0.1:2049", description = "NFS+MOUNT address (default ${DEFAULT-VALUE})")
    String listen;
    @Option(names = "--state", required = true, description = "state directory (handle map, names, bitmaps, cache)")
    Path state;
    @Option(names = "--portmap", description = "portmapper port (default: 111 if free, else ephemeral; -1: none)")
    Integer portmap;
    @Option(names = "--block-size", defaultValue = "4096", description = "redirection block size (default ${DEFAULT-VALUE})")
    int blockSize;
    @Option(names = "--cache-size", defaultValue = "1G", description = "main-data cache size, e.g. 512M, 1G (default ${DEFAULT-VALUE})")
    String cacheSize;
    @Option(names = "--chunk-size", defaultValue = "256K",
            description = "main-data cache chunk, the unit fetched from main: a power of two, 4K to 4M (default ${DEFAULT-VALUE})")
    String chunkSize;
    @Option(names = "--readahead", defaultValue = "32M",
            description = "largest readahead window of a sequential reader, e.g. 32M; 0 for none (default ${DEFAULT-VALUE})")
    String readahead;
    @Option(names = "--memory-cache", defaultValue = "64M",
            description = "memory tier of the main-data cache (chunks just fetched), e.g. 64M (default ${DEFAULT-VALUE})")
    String memoryCache;
    @Option(names = "--write-behind", defaultValue = "64M",
            description = "UNSTABLE writes to files that live only in the shadow are acknowledged once queued, "
                    + "up to this many bytes; 0 to write through (default ${DEFAULT-VALUE})")
    String writeBehind;
    @Option(names = "--names-behind", defaultValue = "512",
            description = "CREATE of a file and REMOVE of its last link are answered once the proxy's own tables have them, "
                    + "the shadow following in order; at most this many queued, 0 to wait for the shadow (default ${DEFAULT-VALUE})")
    int namesBehind;
    @Option(names = "--poll-spin", defaultValue = "50", // ProxyServer.DEFAULT_POLL_SPIN
            description = "microseconds an idle client-facing event loop polls before it sleeps, at most; it adapts down "
                    + "when calls come further apart. Saves a thread wake-up per call; 0 to sleep at once (default ${DEFAULT-VALUE})")
    long pollSpinMicros;
    @Option(names = "--export-path", description = "path clients mount (default: main's export path)")
    String exportPath;
    @Option(names = "--metrics", defaultValue = "127.0.0.1:" + MetricsHttpServer.DEFAULT_PORT,
            description = "Prometheus metrics at http://ADDR:PORT/metrics, read by 'rowfs stats'; 'off' for none (default ${DEFAULT-VALUE})")
    String metrics;
    @Option(names = "--privileged-ports", defaultValue = "auto",
            description = "connect to main and shadow from source ports below 1024, as servers exporting with 'secure' "
                    + "(knfsd's default) require: on, off, or auto = on when running as root (default ${DEFAULT-VALUE})")
    String privilegedPorts;
    @Option(names = "--max-objects", defaultValue = "1000000", description = "capacity of the object table (default ${DEFAULT-VALUE})")
    long maxObjects;

    @Override
    public Integer call() throws Exception {
        int pm = portmap == null ? ProxyServer.PORTMAP_DEFAULT : portmap < 0 ? ProxyServer.PORTMAP_NONE : portmap;
        ProxyServer server;
        try {
            long chunk = parseSize(chunkSize);
            if (chunk <= 0 || chunk > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad --chunk-size '" + chunkSize + "'");
            }
            server = ProxyServer.builder().chunkSize((int) chunk).readahead((int) Math.min(Integer.MAX_VALUE, parseSize(readahead) / chunk))
                    .memoryCacheBytes(parseSize(memoryCache)).main(BackendSpec.parse(main))
                    .shadow(shadow == null ? null : BackendSpec.parse(shadow)).shadowDir(shadowDir)
                    .listen(HostPort.parse("--listen", listen)).state(state).portmap(pm).blockSize(blockSize)
                    .cacheBytes(parseSize(cacheSize)).exportPath(exportPath).maxObjects(maxObjects)
                    .privilegedPorts(privileged(privilegedPorts)).writeBehind(parseSize(writeBehind))
                    .namesBehind(namesBehind).pollSpin(Duration.ofNanos(pollSpinMicros * 1000))
                    .metrics("off".equals(metrics) ? null : HostPort.parse("--metrics", metrics)).build().start();
        } catch (IllegalArgumentException | java.io.IOException | io.rowfs.proxy.threading.BackendException e) {
            System.err.println("proxy: cannot start: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "rowfs-proxy-shutdown"));
        System.out.println("proxy: ready, exporting " + server.exportPath() + " on "
                + server.address().getAddress().getHostAddress() + ":" + server.port() + " (NFSv3+MOUNTv3, TCP+UDP)"
                + (server.portmapPort() > 0 ? ", portmapper on " + server.portmapPort() : "")
                + (server.metricsPort() > 0 ? ", metrics on " + server.metricsPort() : "")
                + "; main " + main + ", shadow " + (shadow != null ? shadow : shadowDir + " (in process)"));
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** "1G", "512M", "64K" or a plain byte count. */
    static long parseSize(String s) {
        String t = s.trim().toUpperCase();
        long mult = 1;
        char last = t.isEmpty() ? '0' : t.charAt(t.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G' || last == 'T') {
            mult = switch (last) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                default -> 1L << 40;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad size '" + s + "' (want e.g. 512M, 1G)");
        }
    }

    static boolean privileged(String mode) {
        return switch (mode) {
            case "on" -> true;
            case "off" -> false;
            case "auto" -> "root".equals(System.getProperty("user.name"));
            default -> throw new IllegalArgumentException("--privileged-ports takes on, off or auto, not '" + mode + "'");
        };
    }
}
