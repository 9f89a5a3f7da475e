package io.rowfs.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rowfs proxy} wants exactly one shadow, and says so in one line before touching anything. */
class ProxyCommandTest {
    @TempDir
    Path state;

    private String run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, new CommandLine(new ProxyCommand()).execute(args));
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noShadowIsOneLineError() {
        assertEquals("proxy: cannot start: no shadow: give --shadow HOST:PORT:/export or --shadow-dir DIR\n",
                run("--main", "127.0.0.1:1:/m", "--state", state.toString(), "--metrics", "off"));
    }

    @Test
    void twoShadowsIsOneLineError() {
        assertEquals("proxy: cannot start: give the shadow as --shadow HOST:PORT:/export or --shadow-dir DIR, not both\n",
                run("--main", "127.0.0.1:1:/m", "--shadow", "127.0.0.1:2:/s", "--shadow-dir", state.resolve("s").toString(),
                        "--state", state.toString(), "--metrics", "off"));
    }
}
