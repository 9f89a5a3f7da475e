package io.rowfs.tests.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The libnfs command-line clients (Debian libnfs-utils ships nfs-ls, nfs-cat and nfs-cp) as a
 * real NFS client, optionally inside a network namespace. URLs come from {@link NfsUrl} (version=3
 * with explicit ports: libnfs 4.0 over NFSv4 fails writes of 4 KiB or more).
 *
 * <p>The checked helpers ({@link #ls}, {@link #cat}, {@link #upload}, ...) throw a
 * {@link PeerException} holding the command, exit status and stderr when the tool fails or runs past
 * the timeout; {@link #run} returns the raw {@link ProcessResult} for tests that expect a failure.
 */
public final class Libnfs {
    private final String netns;
    private final Duration timeout;

    private Libnfs(String netns, Duration timeout) {
        this.netns = netns;
        this.timeout = timeout;
    }

    /** Clients run in this JVM's network namespace. */
    public static Libnfs host() {
        return new Libnfs(null, Duration.ofSeconds(60));
    }

    /** Clients run with {@code ip netns exec netns}. */
    public static Libnfs inNetns(String netns) {
        return new Libnfs(netns, Duration.ofSeconds(60));
    }

    public Libnfs withTimeout(Duration t) {
        return new Libnfs(netns, t);
    }

    /** Runs {@code tool args...} (e.g. "nfs-ls", "-l", url) and returns whatever happened. */
    public ProcessResult run(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of(args));
        return Processes.run(Processes.inNetns(netns, cmd), timeout);
    }

    /** nfs-ls of a directory URL: one line per entry ("-rw-r--r-- 1 0 0 6 a.txt"). */
    public String ls(String url) {
        return run("nfs-ls", url).checkOk().stdoutText();
    }

    /** The names nfs-ls lists (last field of each line), without "." and "..". */
    public List<String> names(String url) {
        List<String> names = new ArrayList<>();
        for (String line : ls(url).split("\n")) {
            String[] f = line.trim().split("\\s+");
            String n = f[f.length - 1];
            if (!line.isBlank() && !n.equals(".") && !n.equals("..")) {
                names.add(n);
            }
        }
        return names;
    }

    /** A file's content (nfs-cat). */
    public byte[] cat(String url) {
        return run("nfs-cat", url).checkOk().stdout();
    }

    /** Copies a local file to an NFS URL (nfs-cp LOCAL URL). */
    public void upload(Path local, String url) {
        run("nfs-cp", local.toString(), url).checkOk();
    }

    /** Copies an NFS URL to a local file (nfs-cp URL LOCAL). */
    public void download(String url, Path local) {
        run("nfs-cp", url, local.toString()).checkOk();
    }
}
