package io.rowfs.proxy.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.metrics.CounterFamily;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Nfs3Procedure;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.proxy.backend.BackendSpec;
import io.rowfs.proxy.cache.ByteSourceListener;
import io.rowfs.shadow.ShadowServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engines without a front end: one starts, serves calls through its API and closes without binding
 * a socket; two in one JVM with the same main share one main-data cache and fetcher but nothing
 * else (handles, shadows, changes). Main is the project's shadow server, read-only, on loopback;
 * the shadows are directories served in process.
 */
class ProxyEngineTest {
    private static final byte[] SMALL = "main data\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path mainDir;
    @TempDir
    Path work;
    private ShadowServer main;
    private byte[] big;

    @BeforeEach
    void startMain() throws Exception {
        big = new byte[3 * 256 * 1024 + 1234];
        new Random(7).nextBytes(big);
        Files.write(mainDir.resolve("big.bin"), big);
        Files.write(mainDir.resolve("f"), SMALL);
        main = ShadowServer.builder().export(mainDir).stateDir(work.resolve("main-state")).readOnly(true)
                .listen(new InetSocketAddress("127.0.0.1", 0)).build().start();
    }

    @AfterEach
    void stopMain() {
        main.close();
    }

    private BackendSpec mainSpec() {
        return new BackendSpec("127.0.0.1", main.port(), main.port(), main.fs().root().toString());
    }

    private EngineConfig config(String name) {
        return new EngineConfig().main(mainSpec()).shadowDir(work.resolve(name + "-shadow")).state(work.resolve(name + "-state"))
                .cacheBytes(16L << 20).maxObjects(10_000).workers(4).timeout(Duration.ofSeconds(20));
    }

    @Test
    void startsServesAndClosesWithoutBindingASocket() throws Exception {
        Set<String> before = ListeningSockets.ofThisProcess();
        try (ProxyEngine engine = ProxyEngine.start(config("solo"))) {
            EngineClient c = new EngineClient(engine);
            assertArrayEquals(SMALL, c.readAll(c.lookup(c.root, "f")));
            FileHandle made = c.create(c.root, "new");
            c.write(made, 0, SMALL);
            assertArrayEquals(SMALL, c.readAll(made));
            assertArrayEquals(SMALL, Files.readAllBytes(work.resolve("solo-shadow/new")), "in the shadow directory");
            assertTrue(Files.exists(work.resolve("solo-state/shadow")), "the in-process shadow's state is under --state");
            assertEquals(before, ListeningSockets.ofThisProcess(), "the engine listens on nothing");
        }
        assertEquals(before, ListeningSockets.ofThisProcess());
    }

    @Test
    void twoEnginesShareMainDataButNotHandlesShadowsOrChanges() throws Exception {
        AtomicLong mainReads = new AtomicLong();
        AtomicLong mainBytes = new AtomicLong();
        ByteSourceListener bytes = (source, n) -> {
            if (source == ByteSourceListener.ByteSource.MAIN) {
                mainBytes.addAndGet(n);
            }
        };
        try (MainData shared = MainData.mount(mainSpec(), Duration.ofSeconds(20), false,
                p -> {
                    if (p == Nfs3Procedure.READ) {
                        mainReads.incrementAndGet();
                    }
                }, work.resolve("shared-cache"), new MainData.Sizes(16L << 20, 256 * 1024, 4, 8L << 20), bytes);
             ProxyEngine a = ProxyEngine.start(config("a").mainData(shared));
             ProxyEngine b = ProxyEngine.start(config("b").mainData(shared))) {
            EngineClient ca = new EngineClient(a);
            EngineClient cb = new EngineClient(b);

            assertArrayEquals(big, ca.readAll(ca.lookup(ca.root, "big.bin")));
            long reads = mainReads.get();
            assertTrue(reads > 0 && mainBytes.get() >= big.length, "A fetched from main: " + reads + " READs");
            assertArrayEquals(big, cb.readAll(cb.lookup(cb.root, "big.bin")));
            assertEquals(reads, mainReads.get(), "B was served what A fetched, with no second main READ");
            assertEquals(0L, mainCalls(b, "READ"), "B's own main connection read no data either");
            assertEquals(0L, mainCalls(a, "READ"), "nor A's: file data comes through the shared fetcher");

            FileHandle fa = ca.lookup(ca.root, "f");
            Nfs3Status atB = cb.getattr(fa);
            assertTrue(atB == Nfs3Status.BADHANDLE || atB == Nfs3Status.STALE, "A's handle at B: " + atB);
            assertEquals(Nfs3Status.BADHANDLE, cb.getattr(ca.root), "A's root at B");

            byte[] changed = "changed by A\n".getBytes(StandardCharsets.UTF_8);
            ca.write(fa, 0, changed);
            assertArrayEquals(changed, ca.readAll(fa));
            assertArrayEquals(SMALL, cb.readAll(cb.lookup(cb.root, "f")), "B still sees main's data");
            assertTrue(Files.exists(work.resolve("a-shadow/f")), "A copied up into its own shadow");
            assertFalse(Files.exists(work.resolve("b-shadow/f")), "B's shadow is untouched");
            assertArrayEquals(SMALL, Files.readAllBytes(mainDir.resolve("f")), "main is never written");

            Path otherDir = Files.createDirectories(work.resolve("other-main"));
            try (ShadowServer other = ShadowServer.builder().export(otherDir).stateDir(work.resolve("other-main-state"))
                    .readOnly(true).listen(new InetSocketAddress("127.0.0.1", 0)).build().start()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyEngine.start(
                        config("c").mainData(shared).main(new BackendSpec("127.0.0.1", other.port(), other.port(),
                                other.fs().root().toString()))));
                assertTrue(e.getMessage().contains("another main"), e.getMessage());
            }
        }
    }

    /** Calls of {@code procedure} the engine's own main connection made (for metadata). */
    private static long mainCalls(ProxyEngine engine, String procedure) {
        return engine.metrics().registry().families().stream()
                .filter(f -> f.name().equals("rowfs_proxy_backend_calls_total"))
                .map(f -> ((CounterFamily) f).snapshot().getOrDefault(List.of("main", procedure), 0L))
                .findFirst().orElse(0L);
    }

    @Test
    void exactlyOneShadowIsRequired() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new EngineConfig().main(mainSpec()).state(work).validate());
        assertTrue(none.getMessage().contains("--shadow-dir"), none.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> new EngineConfig()
                .main(mainSpec()).state(work).shadowDir(work).shadow(mainSpec()).validate());
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }
}
