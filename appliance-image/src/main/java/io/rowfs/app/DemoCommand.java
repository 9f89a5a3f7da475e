package io.rowfs.app;

import io.rowfs.cli.HostPort;
import io.rowfs.cli.Subcommand;
import io.rowfs.metrics.MetricsHttpServer;
import io.rowfs.proxy.backend.BackendSpec;
import io.rowfs.proxy.server.ProxyServer;
import io.rowfs.shadow.ShadowServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rowfs demo}: the whole redirect-on-write stack in one process, on an embedded default.
 * A read-only shadow server plays the main server (exporting {@code DIR/image}, seeded with a small
 * sample image when empty), a second shadow server is the write store ({@code DIR/shadow}), and the
 * proxy in front of both serves NFSv3 on {@code --listen} with its state in {@code DIR/state}.
 * The back ends listen on ephemeral loopback ports; only the proxy faces clients.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the proxy in front of a local read-only main and a local shadow (one process),",
            "on a sample image: the quickest way to see rowfs work."})
public final class DemoCommand implements Subcommand {
    @Option(names = "--dir", defaultValue = "/var/tmp/rowfs-demo",
            description = "holds image/ (main, read-only), shadow/ and state/ (default ${DEFAULT-VALUE})")
    Path dir;
    @Option(names = "--listen", defaultValue = "127.0.0.1:2049", description = "proxy NFS+MOUNT address (default ${DEFAULT-VALUE})")
    String listen;
    @Option(names = "--metrics", defaultValue = "127.0.0.1:" + MetricsHttpServer.DEFAULT_PORT,
            description = "proxy metrics address, 'off' for none (default ${DEFAULT-VALUE})")
    String metrics;

    PrintStream out = System.out;

    /** The three servers of a running demo; closing stops them, proxy first. */
    record Stack(ShadowServer main, ShadowServer shadow, ProxyServer proxy) implements AutoCloseable {
        @Override
        public void close() {
            proxy.close();
            shadow.close();
            main.close();
        }
    }

    /** Starts main (read-only), shadow and the proxy under {@code dir}, seeding the image if empty. */
    Stack start() throws IOException {
        Path image = Files.createDirectories(dir.resolve("image"));
        Path shadowDir = Files.createDirectories(dir.resolve("shadow"));
        seedImage(image);
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        ShadowServer main = ShadowServer.builder().export(image).stateDir(dir.resolve("main-state")).readOnly(true)
                .listen(loopback).portmap(ShadowServer.PORTMAP_NONE).build().start();
        ShadowServer shadow = null;
        try {
            shadow = ShadowServer.builder().export(shadowDir).stateDir(dir.resolve("shadow-state"))
                    .listen(loopback).portmap(ShadowServer.PORTMAP_NONE).build().start();
            ProxyServer proxy = ProxyServer.builder()
                    .main(new BackendSpec("127.0.0.1", main.port(), main.port(), main.fs().root().toString()))
                    .shadow(new BackendSpec("127.0.0.1", shadow.port(), shadow.port(), shadow.fs().root().toString()))
                    .listen(HostPort.parse("--listen", listen)).state(dir.resolve("state")).exportPath("/")
                    .metrics("off".equals(metrics) ? null : HostPort.parse("--metrics", metrics)).build().start();
            return new Stack(main, shadow, proxy);
        } catch (IOException | RuntimeException e) {
            if (shadow != null) {
                shadow.close();
            }
            main.close();
            throw e;
        }
    }

    @Override
    public Integer call() throws Exception {
        Stack stack;
        try {
            stack = start();
        } catch (IOException | RuntimeException e) {
            System.err.println("demo: cannot start: " + e.getMessage());
            return 2;
        }
        ProxyServer proxy = stack.proxy();
        Path image = dir.resolve("image");
        Path shadowDir = dir.resolve("shadow");
        String host = proxy.address().getAddress().getHostAddress();
        int port = proxy.port();
        String url = "nfs://" + host + "/?version=3&nfsport=" + port + "&mountport=" + port;
        out.println("rowfs demo: proxy on " + host + ":" + port + " in front of main " + image
                + " (read-only) and shadow " + shadowDir + "; Ctrl-C stops it. From another shell:");
        out.println("  nfs-ls '" + url + "'");
        out.println("  nfs-cat 'nfs://" + host + "/etc/motd?version=3&nfsport=" + port + "&mountport=" + port + "'");
        // a name of this start: the demo keeps its writes across runs, and nfs-cp does not overwrite (EXIST)
        String newFile = "new-" + Instant.now().getEpochSecond() + ".txt";
        out.println("  echo hi > /tmp/x && nfs-cp /tmp/x 'nfs://" + host + "/etc/" + newFile + "?version=3&nfsport=" + port
                + "&mountport=" + port + "'   # lands in " + shadowDir + "; " + image + " stays unchanged");
        out.println("  mount -t nfs -o vers=3,proto=tcp,nolock,port=" + port + ",mountport=" + port
                + ",mountproto=tcp " + host + ":/ /mnt   # a Linux client");
        if (proxy.metricsPort() > 0) {
            out.println("  ./rowfs stats --url http://" + host + ":" + proxy.metricsPort() + "/metrics");
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "rowfs-demo-shutdown"));
        stopped.await();
        return 0;
    }

    /** A tiny image (a few files and directories) when the image directory is empty. */
    static void seedImage(Path image) throws IOException {
        try (var entries = Files.list(image)) {
            if (entries.findAny().isPresent()) {
                return;
            }
        }
        Files.createDirectories(image.resolve("etc"));
        Files.createDirectories(image.resolve("usr/share/doc"));
        Files.writeString(image.resolve("etc/motd"), "Welcome to a rowfs demo image: main is read-only.\n");
        Files.writeString(image.resolve("etc/hostname"), "rowfs-demo\n");
        StringBuilder readme = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            readme.append("line ").append(i).append(" of a file that lives on the read-only main server\n");
        }
        Files.writeString(image.resolve("usr/share/doc/README"), readme);
    }
}
