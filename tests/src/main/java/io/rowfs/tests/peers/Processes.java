package io.rowfs.tests.peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a timeout, collecting stdout and stderr concurrently. */
public final class Processes {
    private Processes() {
    }

    /** Runs {@code command}; on timeout the process is killed (by its handle) and {@code timedOut} set. */
    public static ProcessResult run(List<String> command, Duration timeout) {
        return run(command, timeout, null);
    }

    public static ProcessResult run(List<String> command, Duration timeout, byte[] stdin) {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new PeerException("cannot start " + command.get(0) + " (is it installed? see"
                    + " scripts/setup-debian.sh): " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // the command did not read its input; its exit status says the rest
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while running " + command);
        }
        return new ProcessResult(List.copyOf(command), finished ? p.exitValue() : -1, !finished,
                out.join(), err.join());
    }

    /** {@code ip netns exec NS} prefixed to {@code command} when {@code netns} is not null. */
    public static List<String> inNetns(String netns, List<String> command) {
        if (netns == null) {
            return command;
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        full.addAll(command);
        return full;
    }

    static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "process-drain");
            t.setDaemon(true);
            t.start();
        });
    }
}
