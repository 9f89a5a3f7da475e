package io.rowfs.tests.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Namespaces: taps with addresses, commands and the rowfs CLI JVM inside, cleanup. */
@Tag("peer")
class NetnsPeerTest {

    @Test
    void tapAddressLivesOnlyInsideTheNamespace() {
        Path run;
        try (Netns ns = Netns.create("infra-ns", "tap0", "10.0.2.1/24")) {
            run = Path.of("/run/netns", ns.name());
            String inside = ns.exec(Duration.ofSeconds(10), "ip", "-o", "-4", "addr").checkOk().stdoutText();
            assertTrue(inside.contains("tap0") && inside.contains("10.0.2.1/24"), inside);
            assertTrue(inside.contains("127.0.0.2/8"), inside);
            String host = Processes.run(List.of("ip", "-o", "-4", "addr"), Duration.ofSeconds(10)).checkOk().stdoutText();
            assertFalse(host.contains("10.0.2.1/24"), "host namespace untouched: " + host);
        }
        assertFalse(Files.exists(run), "namespace deleted on close");
    }

    @Test
    void rowfsCliRunsInsideTheNamespaceWithThisClasspath() {
        try (Netns ns = Netns.create("infra-ns")) {
            ManagedProcess p = ns.startJava("cli", List.of(), "io.rowfs.app.Rowfs", "--version");
            assertEquals(0, p.waitFor(Duration.ofSeconds(60)), p.logText());
            assertTrue(p.logText().contains("rowfs"), p.logText());
        }
    }

    @Test
    void failingCommandsAndTimeoutsAreReported() {
        try (Netns ns = Netns.create("infra-ns")) {
            ProcessResult r = ns.exec(Duration.ofSeconds(10), "sh", "-c", "echo oops >&2; exit 3");
            assertEquals(3, r.exitCode());
            PeerException e = assertThrows(PeerException.class, r::checkOk);
            assertTrue(e.getMessage().contains("oops") && e.getMessage().contains("status 3"), e.getMessage());
            ProcessResult slow = ns.exec(Duration.ofMillis(300), "sleep", "30");
            assertTrue(slow.timedOut());
            ManagedProcess quitter = ns.start("quitter", List.of("sh", "-c", "echo bye; exit 1"));
            PeerException early = assertThrows(PeerException.class,
                    () -> quitter.awaitLog("never printed", Duration.ofSeconds(10)));
            assertTrue(early.getMessage().contains("bye"), early.getMessage());
        }
    }
}
