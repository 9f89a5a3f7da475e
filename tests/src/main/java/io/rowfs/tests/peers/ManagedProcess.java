package io.rowfs.tests.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running process (a server in a netns, a bridge, QEMU) whose stdout and stderr go to a log
 * file. {@link #close()} stops it and the descendants it had at that moment by PID (SIGTERM, then
 * SIGKILL after 5 s) and returns once they are gone; never by name.
 */
public final class ManagedProcess implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final Path log;

    private ManagedProcess(List<String> command, Process process, Path log) {
        this.command = command;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with stdout and stderr appended to {@code log}. */
    public static ManagedProcess start(List<String> command, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new ManagedProcess(List.copyOf(command), p, log);
        } catch (IOException e) {
            throw new PeerException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until the log contains {@code text}; fails with the log if the process exits first or the
     * timeout passes.
     */
    public ManagedProcess awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (logText().contains(text)) {
                return this;
            }
            if (!process.isAlive()) {
                throw new PeerException(describe() + " exited with status " + process.exitValue()
                        + " before printing '" + text + "'; log:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new PeerException(describe() + " did not print '" + text + "' within " + timeout
                        + "; log:\n" + tail());
            }
            sleep(50);
        }
    }

    /** Waits for the process to exit; returns its status, or -1 if it is still running at the timeout. */
    public int waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted waiting for " + describe());
        }
    }

    public String tail() {
        String text = logText();
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }

    private String describe() {
        return "'" + String.join(" ", command) + "' (pid " + process.pid() + ")";
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                child.destroyForcibly();
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted");
        }
    }
}
