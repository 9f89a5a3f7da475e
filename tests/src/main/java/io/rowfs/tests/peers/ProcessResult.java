package io.rowfs.tests.peers;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Outcome of one finished command: exit status (or {@code timedOut}), raw stdout and stderr.
 * {@link #checkOk()} turns a failure into a {@link PeerException} naming the command, the status and
 * stderr.
 */
public record ProcessResult(List<String> command, int exitCode, boolean timedOut, byte[] stdout, byte[] stderr) {

    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** Returns this result if the command exited 0, else throws with the command, status and stderr. */
    public ProcessResult checkOk() {
        if (!ok()) {
            throw new PeerException(describe());
        }
        return this;
    }

    public String describe() {
        String status = timedOut ? "timed out" : "exited with status " + exitCode;
        return String.join(" ", command) + " " + status + "\n--- stderr:\n" + stderrText().strip()
                + "\n--- stdout:\n" + abbreviate(stdoutText().strip());
    }

    private static String abbreviate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "... (" + s.length() + " chars)";
    }
}
