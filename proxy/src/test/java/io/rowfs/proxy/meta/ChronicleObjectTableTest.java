package io.rowfs.proxy.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleObjectTableTest {
    @TempDir
    Path state;

    static ObjectRecord file(long parent, String name, int mainLen) {
        byte[] main = new byte[mainLen];
        for (int i = 0; i < mainLen; i++) main[i] = (byte) (i * 7 + name.length());
        return new ObjectRecord(parent, name.getBytes(StandardCharsets.UTF_8), 1, 0, 0, -1, main, new byte[0]);
    }

    @Test
    void recordsRoundTripAcrossCleanReopen() throws Exception {
        long a, b;
        try (ChronicleObjectTable t = ChronicleObjectTable.open(state, 10_000)) {
            t.putRoot(file(ObjectTable.ROOT_ID, "", 28));
            a = t.insert(file(1, "etc", 64));
            b = t.insert(file(a, "passwd", 0).withShadowHandle(new byte[] {1, 2, 3}));
            t.put(b, t.get(b).orElseThrow().withLogicalSize(4097));
        }
        try (ChronicleObjectTable t = ChronicleObjectTable.open(state, 10_000)) {
            assertEquals(file(1, "etc", 64), t.get(a).orElseThrow());
            ObjectRecord passwd = t.get(b).orElseThrow();
            assertEquals(4097, passwd.logicalSize());
            assertTrue(passwd.has(ObjectRecord.FLAG_SIZE_OWNED));
            assertTrue(passwd.inShadow());
            assertEquals(3, t.size());
            long c = t.insert(file(1, "new", 8));
            assertTrue(c > b, "ids keep growing after reopen: " + c + " vs " + b);
        }
    }

    @Test
    void growsPastItsInitialSizeUpToTheMaximum() throws Exception {
        int max = 80_000; // the file starts sized for an eighth of this
        long[] ids = new long[max];
        try (ChronicleObjectTable t = ChronicleObjectTable.open(state, max)) {
            for (int i = 0; i < max; i++) {
                ids[i] = t.insert(file(1, "f" + i, 1 + i % 64));
            }
            assertEquals(max, t.size());
        }
        try (ChronicleObjectTable t = ChronicleObjectTable.open(state, max)) {
            for (int i = 0; i < max; i += 997) {
                assertEquals("f" + i, new String(t.get(ids[i]).orElseThrow().name(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void idZeroIsNeverAnObject() throws Exception {
        try (ChronicleObjectTable t = ChronicleObjectTable.open(state, 1000)) {
            t.insert(file(1, "x", 1));
            assertTrue(t.get(0).isEmpty());
        }
    }

    /** A child JVM inserts records and is killed with SIGKILL; every record it reported survives. */
    @Test
    void survivesKillNine() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(javaCommand(Writer.class.getName(), state.toString()));
        pb.redirectErrorStream(true);
        Process child = pb.start();
        List<Long> reported = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && reported.size() < 3000) {
                if (line.startsWith("id ")) reported.add(Long.parseLong(line.substring(3)));
            }
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(3000, reported.size(), "child reported its inserts");
        try (ChronicleObjectTable t = ChronicleObjectTable.open(state, 100_000)) {
            Set<Long> seen = new HashSet<>();
            for (long id : reported) {
                ObjectRecord r = t.get(id).orElseThrow(() -> new AssertionError("lost object " + id));
                assertEquals("f" + id, new String(r.name(), StandardCharsets.UTF_8));
                seen.add(id);
            }
            long fresh = t.insert(file(1, "after-crash", 4));
            assertTrue(!seen.contains(fresh) && fresh > reported.get(reported.size() - 1),
                    "allocation resumes past every id used before the crash");
        }
    }

    /** Entry point of the child JVM in {@link #survivesKillNine()}: inserts until killed. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            ChronicleObjectTable t = ChronicleObjectTable.open(Path.of(args[0]), 100_000);
            for (int i = 0; ; i++) {
                long id = t.insert(file(1, "pending", 16));
                t.put(id, file(1, "f" + id, 16));
                System.out.println("id " + id);
                System.out.flush();
                if (i > 5000) Thread.sleep(1);
            }
        }
    }

    private static List<String> javaCommand(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("rowfs.test.jvmFlags", "").split(" ")) {
            if (!flag.isBlank()) cmd.add(flag);
        }
        cmd.add("-Dchronicle.analytics.disable=true");
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-")).toList());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }
}
