package io.rowfs.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Start-up errors of {@code rowfs boot} are clear and end the command with a non-zero status. */
class BootCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String stderr) {
    }

    private static Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = new CommandLine(new BootCommand()).execute(args);
            return new Run(status, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void missingInterface() {
        Run r = run("--interface", "nosuch0", "--server-ip", "127.0.0.1", "--root", dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.stderr().contains("no network interface named 'nosuch0'"), r.stderr());
    }

    @Test
    void badOptions() {
        assertTrue(run("--interface", "lo", "--server-ip", "1.2.3", "--root", dir.toString()).stderr()
                .contains("is not an IPv4 address"));
        assertTrue(run("--interface", "lo", "--server-ip", "127.0.0.1", "--root", dir.resolve("nope").toString())
                .stderr().contains("is not a readable directory"));
        assertTrue(run("--interface", "lo", "--server-ip", "127.0.0.1", "--root", dir.toString(), "--dhcp", "half")
                .stderr().contains("--dhcp must be full, proxy or off"));
        assertTrue(run("--interface", "lo", "--server-ip", "127.0.0.1", "--root", dir.toString(), "--host", "zz=1.2.3.4")
                .stderr().contains("is not a MAC address"));
    }

    @Test
    void portTaken() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Run r = run("--interface", "lo", "--server-ip", "127.0.0.1", "--root", dir.toString(), "--dhcp", "off",
                    "--http", "0", "--tftp", Integer.toString(taken.getLocalPort()));
            assertEquals(1, r.status());
            assertTrue(r.stderr().contains("TFTP cannot listen on") && r.stderr().contains("in use"), r.stderr());
        }
    }

    @Test
    void optionsFromAFile() throws Exception {
        Path conf = dir.resolve("boot.conf");
        Files.writeString(conf, "--interface\nnosuch1\n--server-ip\n127.0.0.1\n--root\n" + dir + "\n");
        Run r = run("@" + conf);
        assertTrue(r.stderr().contains("no network interface named 'nosuch1'"), r.stderr());
    }

    @Test
    void reversedRangeSaysWhatToDo() {
        Run r = run("--interface", "lo", "--server-ip", "127.0.0.1", "--root", dir.toString(), "--http", "0",
                "--tftp", "0", "--dhcp-port", "0", "--lease-file", dir.resolve("leases").toString(),
                "--range", "127.0.0.199-127.0.0.100");
        assertEquals(2, r.status(), r.stderr());
        assertEquals("rowfs boot: --range 127.0.0.199-127.0.0.100 has its ends reversed:"
                + " write --range 127.0.0.100-127.0.0.199\n", r.stderr());
    }
}
