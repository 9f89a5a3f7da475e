package io.rowfs.shadow.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * FIFOs and device nodes, which the JDK cannot create: made with coreutils' mkfifo/mknod. Rare
 * operations, so a process per call is acceptable.
 */
final class SpecialFiles {
    private SpecialFiles() {
    }

    static void mkfifo(Path p) throws IOException {
        run(List.of("mkfifo", "-m", "0600", "--", p.toString()));
    }

    static void mknodDevice(Path p, boolean character, int major, int minor) throws IOException {
        run(List.of("mknod", "-m", "0600", "--", p.toString(), character ? "c" : "b",
                Integer.toUnsignedString(major), Integer.toUnsignedString(minor)));
    }

    /** Sets the times of a special file without opening it (touch uses utimensat). */
    static void touch(Path p, java.nio.file.attribute.FileTime atime, java.nio.file.attribute.FileTime mtime)
            throws IOException {
        if (atime != null) {
            run(List.of("touch", "-h", "-a", "-d", stamp(atime), "--", p.toString()));
        }
        if (mtime != null) {
            run(List.of("touch", "-h", "-m", "-d", stamp(mtime), "--", p.toString()));
        }
    }

    private static String stamp(java.nio.file.attribute.FileTime t) {
        java.time.Instant i = t.toInstant();
        return "@" + i.getEpochSecond() + "." + String.format("%09d", i.getNano());
    }

    private static void run(List<String> cmd) throws IOException {
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!pr.waitFor(10, TimeUnit.SECONDS)) {
                pr.destroyForcibly();
                throw new IOException(cmd.get(0) + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (pr.exitValue() != 0) {
            String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (out.contains("Operation not permitted")) {
                throw new java.nio.file.AccessDeniedException(cmd.get(cmd.size() - 1), null, out);
            }
            if (out.contains("File exists")) {
                throw new java.nio.file.FileAlreadyExistsException(out);
            }
            throw new IOException(cmd.get(0) + " failed: " + out);
        }
    }
}
