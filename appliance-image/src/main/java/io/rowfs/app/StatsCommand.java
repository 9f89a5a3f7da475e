package io.rowfs.app;

import io.rowfs.cli.Subcommand;
import io.rowfs.metrics.MetricsHttpServer;
import io.rowfs.metrics.PrometheusTextParser;
import io.rowfs.metrics.PrometheusTextParser.Sample;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rowfs stats}: fetches a running server's metrics endpoint and prints them as a table. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print the metrics (counters and gauges) of a running rowfs server (its Prometheus endpoint).")
public final class StatsCommand implements Subcommand {
    @Option(names = "--url", description = "Metrics endpoint (default: ${DEFAULT-VALUE}).")
    String url = "http://127.0.0.1:" + MetricsHttpServer.DEFAULT_PORT + "/metrics";

    @Option(names = "--raw", description = "Print the Prometheus text as served.")
    boolean raw;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        String body;
        try {
            HttpResponse<String> resp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                err.println("rowfs stats: " + url + " answered HTTP " + resp.statusCode());
                return 1;
            }
            body = resp.body();
        } catch (ConnectException e) {
            err.println("rowfs stats: nothing serves metrics at " + url + " (is the server running? --url)");
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("rowfs stats: cannot read " + url + ": " + e.getMessage());
            return 1;
        }
        if (raw) {
            out.print(body);
            return 0;
        }
        try {
            out.print(table(PrometheusTextParser.parse(body)));
        } catch (IllegalArgumentException e) {
            err.println("rowfs stats: " + url + " did not serve Prometheus text: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    static String table(List<Sample> samples) {
        StringBuilder sb = new StringBuilder();
        String current = null;
        for (Sample s : samples) {
            if (!s.name().equals(current)) {
                current = s.name();
                sb.append(current).append('\n');
            }
            String labels = s.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            String value = s.value() == Math.rint(s.value()) ? String.format("%,d", (long) s.value())
                    : String.valueOf(s.value());
            sb.append(String.format("  %-50s %20s%n", labels.isEmpty() ? "-" : labels, value));
        }
        return sb.toString();
    }
}
