package io.rowfs.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the samples of a Prometheus text exposition (what {@link PrometheusText} writes), for
 * {@code rowfs stats}. Comment lines are skipped; a malformed line is an error naming the line.
 */
public final class PrometheusTextParser {
    /** One sample: metric name, labels in order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusTextParser() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                out.add(parseLine(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + " is not a sample: " + line, e);
            }
        }
        return out;
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int end = line.lastIndexOf('}');
            parseLabels(line.substring(brace + 1, end), labels);
        } else {
            name = line.substring(0, space);
        }
        return new Sample(name, labels, Double.parseDouble(line.substring(space + 1).trim()));
    }

    private static void parseLabels(String body, Map<String, String> labels) {
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            String key = body.substring(i, eq).trim();
            if (body.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("label value must be quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; body.charAt(j) != '"'; j++) {
                char c = body.charAt(j);
                if (c == '\\') {
                    char n = body.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < body.length() && body.charAt(i) == ',') {
                i++;
            }
        }
    }
}
