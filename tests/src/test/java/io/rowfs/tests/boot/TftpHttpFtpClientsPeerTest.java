package io.rowfs.tests.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.tests.peers.ProcessResult;
import io.rowfs.tests.peers.Processes;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients against the boot services on 127.0.0.1: tftp-hpa (no options, 512-byte blocks, a
 * 40 MiB file so block numbers roll over), atftp (blksize, tsize, windowsize), busybox tftp and curl
 * (blksize, tsize) and curl over HTTP (with a Range) and FTP; hostile TFTP requests; symbolic links
 * out of the root refused alike by all three.
 */
@Tag("peer")
class TftpHttpFtpClientsPeerTest {
    @TempDir
    static Path dir;
    static Path root;
    static LoopbackBootServer server;
    static byte[] small;
    static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectory(dir.resolve("root"));
        Files.createDirectories(root.resolve("sub"));
        small = random(1_000_003, 1);
        big = random(40 * 1024 * 1024 + 1234, 2);
        Files.write(root.resolve("sub/small.bin"), small);
        Files.write(root.resolve("big.bin"), big);
        Files.writeString(dir.resolve("secret"), "SECRET OUTSIDE THE ROOT");
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "SECRET OUTSIDE THE ROOT");
        Files.createSymbolicLink(root.resolve("dirlink"), outside);
        Files.createSymbolicLink(root.resolve("filelink"), outside.resolve("secret"));
        server = new LoopbackBootServer(root);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static ProcessResult run(Duration timeout, String... cmd) {
        return Processes.run(List.of(cmd), timeout);
    }

    private Path out(String name) throws IOException {
        Path p = dir.resolve("out-" + name);
        Files.deleteIfExists(p);
        return p;
    }

    @Test
    void tftpHpaFetchesAFileOver32MiBAt512ByteBlocks() throws Exception {
        Path out = out("hpa-big");
        ProcessResult r = run(Duration.ofSeconds(90), "tftp", "-m", "binary", "127.0.0.1",
                Integer.toString(server.tftpPort), "-c", "get", "big.bin", out.toString());
        assertTrue(r.ok(), r.describe());
        assertArrayEquals(big, Files.readAllBytes(out), "40 MiB at 512-byte blocks needs block-number rollover");
    }

    @Test
    void atftpWithBlksizeTsizeAndWindowsize() throws Exception {
        for (String[] opts : new String[][] {{"blksize 1428", "tsize 0"}, {"blksize 1468", "windowsize 64"},
            {"windowsize 8"}}) {
            Path out = out("atftp");
            String[] cmd = {"atftp"};
            for (String o : opts) {
                cmd = append(cmd, "--option", o);
            }
            cmd = append(cmd, "-g", "-r", "sub/small.bin", "-l", out.toString(), "127.0.0.1",
                    Integer.toString(server.tftpPort));
            ProcessResult r = run(Duration.ofSeconds(60), cmd);
            assertTrue(r.ok(), r.describe());
            assertArrayEquals(small, Files.readAllBytes(out), String.join(",", opts));
        }
        Path out = out("atftp-big");
        ProcessResult r = run(Duration.ofSeconds(60), "atftp", "--option", "windowsize 64", "--option", "blksize 1468",
                "-g", "-r", "big.bin", "-l", out.toString(), "127.0.0.1", Integer.toString(server.tftpPort));
        assertTrue(r.ok(), r.describe());
        assertArrayEquals(big, Files.readAllBytes(out));
    }

    @Test
    void curlAndBusyboxTftpNegotiateBlksize() throws Exception {
        Path out = out("curl-tftp");
        ProcessResult r = run(Duration.ofSeconds(60), "curl", "-sS", "--tftp-blksize", "1400",
                "tftp://127.0.0.1:" + server.tftpPort + "/sub/small.bin", "-o", out.toString());
        assertTrue(r.ok(), r.describe());
        assertArrayEquals(small, Files.readAllBytes(out));
        Path out2 = out("busybox-tftp");
        r = run(Duration.ofSeconds(60), "busybox", "tftp", "-g", "-b", "1024", "-r", "sub/small.bin", "-l",
                out2.toString(), "127.0.0.1", Integer.toString(server.tftpPort));
        assertTrue(r.ok(), r.describe());
        assertArrayEquals(small, Files.readAllBytes(out2));
    }

    @Test
    void curlOverHttpWithRangeAndOverFtp() throws Exception {
        String base = "http://127.0.0.1:" + server.httpPort;
        Path out = out("http");
        ProcessResult r = run(Duration.ofSeconds(60), "curl", "-sSf", base + "/big.bin", "-o", out.toString());
        assertTrue(r.ok(), r.describe());
        assertArrayEquals(big, Files.readAllBytes(out));
        r = run(Duration.ofSeconds(30), "curl", "-sSf", "-r", "1000-1999", "-w", "%{http_code}", base + "/sub/small.bin",
                "-o", out.toString());
        assertEquals("206", r.stdoutText(), r.describe());
        assertArrayEquals(Arrays.copyOfRange(small, 1000, 2000), Files.readAllBytes(out));
        r = run(Duration.ofSeconds(30), "curl", "-sS", "-r", "5000000-", "-w", "%{http_code}", base + "/sub/small.bin",
                "-o", "/dev/null");
        assertEquals("416", r.stdoutText(), r.describe());
        r = run(Duration.ofSeconds(30), "curl", "-sS", "--path-as-is", "-w", "%{http_code}", base + "/../secret",
                "-o", out.toString());
        assertEquals("403", r.stdoutText(), r.describe());
        assertFalse(Files.readString(out).contains("SECRET"));

        Path ftpOut = out("ftp");
        r = run(Duration.ofSeconds(60), "curl", "-sSf", "ftp://127.0.0.1:" + server.ftpPort + "/sub/small.bin",
                "-o", ftpOut.toString());
        assertTrue(r.ok(), r.describe());
        assertArrayEquals(small, Files.readAllBytes(ftpOut));
        r = run(Duration.ofSeconds(30), "curl", "-sS", "-T", ftpOut.toString(),
                "ftp://127.0.0.1:" + server.ftpPort + "/upload.bin");
        assertNotEquals(0, r.exitCode(), "FTP upload must be refused: " + r.describe());
        assertFalse(Files.exists(root.resolve("upload.bin")));
        r = run(Duration.ofSeconds(30), "curl", "-sS", "--ftp-port", "-", "ftp://127.0.0.1:" + server.ftpPort
                + "/sub/small.bin", "-o", "/dev/null");
        assertNotEquals(0, r.exitCode(), "active mode must be refused: " + r.describe());
    }

    @Test
    void hostileTftpRequestsGetErrorsAndNothingOutsideTheRoot() throws Exception {
        String port = Integer.toString(server.tftpPort);
        for (String name : List.of("../secret", "sub/../../secret", "..\\secret", "/../secret", "%2e%2e/secret",
                "..%2fsecret", dir.resolve("secret").toString())) {
            Path out = out("hostile");
            ProcessResult r = run(Duration.ofSeconds(20), "tftp", "-m", "binary", "127.0.0.1", port, "-c", "get",
                    name, out.toString());
            String text = r.stdoutText() + r.stderrText();
            assertTrue(text.contains("Error code"), name + ": " + text);
            assertFalse(Files.exists(out) && Files.readString(out).contains("SECRET"), name);
        }
        Path upload = dir.resolve("upload.bin");
        Files.writeString(upload, "data");
        ProcessResult r = run(Duration.ofSeconds(20), "tftp", "-m", "binary", "127.0.0.1", port, "-c", "put",
                upload.toString(), "sub/new.bin");
        assertTrue((r.stdoutText() + r.stderrText()).contains("Error code 2"), r.describe());
        assertFalse(Files.exists(root.resolve("sub/new.bin")));

        try (DatagramSocket s = new DatagramSocket()) {
            Random rnd = new Random(3);
            for (int i = 0; i < 300; i++) {
                byte[] junk = new byte[rnd.nextInt(100)];
                rnd.nextBytes(junk);
                s.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), server.tftpPort));
            }
        }
        Path out = out("after-junk");
        r = run(Duration.ofSeconds(30), "tftp", "-m", "binary", "127.0.0.1", port, "-c", "get", "sub/small.bin",
                out.toString());
        assertTrue(r.ok(), r.describe());
        assertArrayEquals(small, Files.readAllBytes(out), "still serving after junk");
    }

    private static String[] append(String[] a, String... more) {
        String[] all = Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, all, a.length, more.length);
        return all;
    }

    /** {@code dirlink -> ../outside} and {@code filelink -> ../outside/secret}: no service follows them out. */
    @Test
    void symlinksOutOfTheRootAreRefusedByFtpTftpAndHttp() throws Exception {
        String ftp = "ftp://127.0.0.1:" + server.ftpPort;
        // curl's default FTP method is "cd dirlink; get secret": CWD dirlink, then RETR secret
        Path out = out("ftp-dirlink");
        ProcessResult r = run(Duration.ofSeconds(30), "curl", "-sS", "-w", "%{response_code}", ftp + "/dirlink/secret",
                "-o", out.toString());
        assertEquals(9, r.exitCode(), "CURLE_REMOTE_ACCESS_DENIED: " + r.describe());
        assertEquals("550", r.stdoutText(), r.describe());
        assertFalse(Files.exists(out) && Files.readString(out).contains("SECRET"));
        // the same file by its full path in one RETR, and a file symlink
        for (String path : List.of("/dirlink/secret", "/filelink")) {
            r = run(Duration.ofSeconds(30), "curl", "-sS", "--ftp-method", "nocwd", "-w", "%{response_code}",
                    ftp + path, "-o", out.toString());
            assertEquals(78, r.exitCode(), "CURLE_REMOTE_FILE_NOT_FOUND for " + path + ": " + r.describe());
            assertEquals("550", r.stdoutText(), r.describe());
            assertFalse(Files.exists(out) && Files.readString(out).contains("SECRET"));
        }
        // and a listing does not show what lies behind the directory link
        r = run(Duration.ofSeconds(30), "curl", "-sS", "-l", ftp + "/");
        assertTrue(r.ok(), r.describe());
        assertFalse(r.stdoutText().contains("dirlink") || r.stdoutText().contains("filelink"), r.stdoutText());

        for (String name : List.of("dirlink/secret", "filelink")) {
            Path tftpOut = out("tftp-link");
            r = run(Duration.ofSeconds(20), "tftp", "-m", "binary", "127.0.0.1", Integer.toString(server.tftpPort),
                    "-c", "get", name, tftpOut.toString());
            assertTrue((r.stdoutText() + r.stderrText()).contains("Error code 2: Access violation"), r.describe());
            assertFalse(Files.exists(tftpOut) && Files.readString(tftpOut).contains("SECRET"), name);

            Path httpOut = out("http-link");
            r = run(Duration.ofSeconds(20), "curl", "-sS", "-w", "%{http_code}",
                    "http://127.0.0.1:" + server.httpPort + "/" + name, "-o", httpOut.toString());
            assertEquals("403", r.stdoutText(), r.describe());
            assertFalse(Files.readString(httpOut).contains("SECRET"), name);
        }
        // still serving normal clients of all three
        r = run(Duration.ofSeconds(30), "curl", "-sSf", ftp + "/sub/small.bin", "-o", out.toString());
        assertTrue(r.ok(), r.describe());
        assertArrayEquals(small, Files.readAllBytes(out));
    }
}
