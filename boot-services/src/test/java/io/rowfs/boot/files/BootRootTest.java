package io.rowfs.boot.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootRootTest {
    @TempDir
    Path dir;
    Path root;
    BootRoot boot;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(dir.resolve("secret"), "outside");
        Files.createDirectories(root.resolve("pxelinux.cfg"));
        Files.writeString(root.resolve("pxelinux.cfg/default"), "cfg");
        Files.writeString(root.resolve("vmlinuz"), "kernel");
        Files.createSymbolicLink(root.resolve("escape"), dir.resolve("secret"));
        Files.createSymbolicLink(root.resolve("inside"), root.resolve("vmlinuz"));
        Files.createDirectory(dir.resolve("outdir"));
        Files.writeString(dir.resolve("outdir/secret"), "outside");
        Files.createSymbolicLink(root.resolve("dirlink"), dir.resolve("outdir"));
        Files.createSymbolicLink(root.resolve("cfglink"), root.resolve("pxelinux.cfg"));
        boot = new BootRoot(root);
    }

    @Test
    void resolvesPlainAbsoluteAndBackslashNames() throws Exception {
        Path real = root.toRealPath();
        assertEquals(real.resolve("vmlinuz"), boot.resolve("vmlinuz"));
        assertEquals(real.resolve("vmlinuz"), boot.resolve("/vmlinuz"));
        assertEquals(real.resolve("vmlinuz"), boot.resolve("//vmlinuz"));
        assertEquals(real.resolve("pxelinux.cfg/default"), boot.resolve("pxelinux.cfg\\default"));
        assertEquals(real.resolve("pxelinux.cfg/default"), boot.resolve("./pxelinux.cfg/./default"));
        assertEquals(real.resolve("vmlinuz"), boot.resolve("inside"));
    }

    @Test
    void dropsTrailingJunkRomsAppend() throws Exception {
        assertEquals(root.toRealPath().resolve("vmlinuz"), boot.resolve("vmlinuz\u00ff"));
        assertEquals(root.toRealPath().resolve("vmlinuz"), boot.resolve("vmlinuz \u00ff\u00ff"));
    }

    @Test
    void refusesTraversal() {
        assertThrows(BadNameException.class, () -> boot.resolve("../secret"));
        assertThrows(BadNameException.class, () -> boot.resolve("pxelinux.cfg/../../secret"));
        assertThrows(BadNameException.class, () -> boot.resolve("..\\secret"));
        assertThrows(BadNameException.class, () -> boot.resolve("/../secret"));
        assertThrows(BadNameException.class, () -> boot.resolve("vm\0linuz"));
        assertThrows(BadNameException.class, () -> boot.resolve("escape"));
        assertThrows(BadNameException.class, () -> boot.resolve(""));
        assertThrows(BadNameException.class, () -> boot.resolve("/"));
        assertThrows(BadNameException.class, () -> boot.resolve(".."));
    }

    @Test
    void absoluteAndEncodedNamesStayInsideTheRoot() {
        assertThrows(NoSuchFileException.class, () -> boot.resolve("/etc/passwd"));
        assertThrows(NoSuchFileException.class, () -> boot.resolve("%2e%2e/secret"));
        assertThrows(NoSuchFileException.class, () -> boot.resolve("..%2fsecret"));
        assertThrows(NoSuchFileException.class, () -> boot.resolve("pxelinux.cfg"));
        assertThrows(NoSuchFileException.class, () -> boot.resolve("missing"));
    }

    @Test
    void printableEscapesControlBytes() {
        assertEquals("a\\x00b\\xff", BootRoot.printable("a\0b\u00ff"));
    }

    @Test
    void symlinkedDirectoriesCountLikeFileLinks() throws Exception {
        assertThrows(BadNameException.class, () -> boot.resolve("dirlink/secret"));
        assertThrows(BadNameException.class, () -> boot.resolveEntry("dirlink"));
        assertThrows(BadNameException.class, () -> boot.resolveEntry("dirlink/secret"));
        assertEquals(root.toRealPath().resolve("pxelinux.cfg/default"), boot.resolve("cfglink/default"));
    }

    @Test
    void entriesAreFilesOrDirectoriesAndTheEmptyNameIsTheRoot() throws Exception {
        Path real = root.toRealPath();
        assertEquals(real, boot.resolveEntry(""));
        assertEquals(real, boot.resolveEntry("/"));
        assertEquals(real.resolve("pxelinux.cfg"), boot.resolveEntry("/pxelinux.cfg"));
        assertEquals(real.resolve("pxelinux.cfg"), boot.resolveEntry("cfglink"));
        assertEquals(real.resolve("vmlinuz"), boot.resolveEntry("inside"));
        assertThrows(BadNameException.class, () -> boot.resolveEntry(".."));
        assertThrows(BadNameException.class, () -> boot.resolveEntry("escape"));
        assertThrows(NoSuchFileException.class, () -> boot.resolveEntry("missing"));
    }
}
