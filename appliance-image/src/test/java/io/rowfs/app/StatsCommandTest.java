package io.rowfs.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.metrics.MetricsHttpServer;
import io.rowfs.metrics.MetricsRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class StatsCommandTest {
    @Test
    void printsATableFromARunningEndpoint() throws Exception {
        MetricsRegistry r = new MetricsRegistry();
        r.counter("rowfs_nfs_calls_total", "calls", "procedure", "destination").labels("READ", "main").add(1234567);
        try (MetricsHttpServer server = MetricsHttpServer.start(new InetSocketAddress("127.0.0.1", 0), r)) {
            StatsCommand cmd = new StatsCommand();
            cmd.url = "http://127.0.0.1:" + server.port() + "/metrics";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            cmd.out = new PrintStream(out, true);
            assertEquals(0, cmd.call());
            String text = out.toString();
            assertTrue(text.startsWith("rowfs_nfs_calls_total\n"), text);
            assertTrue(text.contains("procedure=READ destination=main") && text.contains("1,234,567"), text);
        }
    }

    @Test
    void saysClearlyWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StatsCommand cmd = new StatsCommand();
        cmd.url = "http://127.0.0.1:" + port + "/metrics";
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cmd.err = new PrintStream(err, true);
        assertEquals(1, cmd.call());
        assertTrue(err.toString().contains("nothing serves metrics at"), err.toString());
    }

    @Test
    void rejectsAnEndpointThatIsNotPrometheusText() throws Exception {
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/metrics", ex -> {
            byte[] body = "<html>not metrics</html>\n".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        try {
            StatsCommand cmd = new StatsCommand();
            cmd.url = "http://127.0.0.1:" + http.getAddress().getPort() + "/metrics";
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            cmd.err = new PrintStream(err, true);
            assertEquals(1, cmd.call());
            assertTrue(err.toString().contains("did not serve Prometheus text"), err.toString());
            cmd.url = "ftp://127.0.0.1/metrics";
            assertEquals(1, cmd.call());
            assertTrue(err.toString().contains("cannot read ftp://"), err.toString());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void isRegisteredAsASubcommand() {
        assertTrue(Rowfs.commandLine().getSubcommands().containsKey("stats"));
    }
}
