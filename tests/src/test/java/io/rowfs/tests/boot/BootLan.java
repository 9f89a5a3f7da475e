package io.rowfs.tests.boot;

import io.rowfs.tests.peers.ManagedProcess;
import io.rowfs.tests.peers.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small LAN for DHCP tests: a server namespace with bridge {@code br0} (10.77.0.1/24) and a client
 * namespace holding the far ends {@code vc1..vcN} of veth pairs whose near ends are bridge ports.
 * {@link #startServer} runs {@code rowfs boot} (the real CLI, in its own JVM) on br0.
 */
final class BootLan implements AutoCloseable {
    static final String SERVER_IP = "10.77.0.1";

    final Netns server;
    final Netns clients;
    private ManagedProcess boot;

    BootLan(int clientInterfaces) {
        server = Netns.create("boot-srv");
        Netns c = null;
        try {
            c = Netns.create("boot-cli");
            ok(server.exec(Duration.ofSeconds(10), "ip", "link", "add", "br0", "type", "bridge"));
            ok(server.exec(Duration.ofSeconds(10), "ip", "addr", "add", SERVER_IP + "/24", "dev", "br0"));
            ok(server.exec(Duration.ofSeconds(10), "ip", "link", "set", "br0", "up"));
            for (int i = 1; i <= clientInterfaces; i++) {
                ok(server.exec(Duration.ofSeconds(10), "ip", "link", "add", "vs" + i, "type", "veth", "peer", "name",
                        "vc" + i, "netns", c.name()));
                ok(server.exec(Duration.ofSeconds(10), "ip", "link", "set", "vs" + i, "master", "br0", "up"));
                ok(c.exec(Duration.ofSeconds(10), "ip", "link", "set", "vc" + i, "up"));
            }
        } catch (RuntimeException e) {
            if (c != null) {
                c.close();
            }
            server.close();
            throw e;
        }
        clients = c;
    }

    private static void ok(io.rowfs.tests.peers.ProcessResult r) {
        r.checkOk();
    }

    /** Starts {@code rowfs boot --interface br0 ...} plus {@code extra}; waits until it is ready. */
    ManagedProcess startServer(String logName, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("boot", "--interface", "br0", "--server-ip", SERVER_IP));
        args.addAll(extra);
        // DhcpLogic at DEBUG: malformed requests are dropped with a debug line only, which tests wait for
        boot = server.startJava(logName, List.of("-Xmx256m",
                "-Dorg.slf4j.simpleLogger.log.io.rowfs.boot.dhcp.DhcpLogic=debug"), "io.rowfs.app.Rowfs",
                args.toArray(String[]::new));
        boot.awaitLog("boot: ready", Duration.ofSeconds(30));
        return boot;
    }

    void stopServer() {
        if (boot != null) {
            boot.close();
            boot = null;
        }
    }

    /** Writes an executable shell script. */
    static Path script(Path file, String body) throws IOException {
        Files.writeString(file, body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Override
    public void close() {
        stopServer();
        clients.close();
        server.close();
    }
}
