package io.rowfs.tests.peers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code tests/peers/} (the shell fixtures): the system property {@code rowfs.peers.dir}, else
 * the environment variable {@code ROWFS_PEERS_DIR}, else the first {@code tests/peers} found walking
 * up from the working directory (surefire runs in the module directory, so any module of the
 * reactor finds it).
 */
public final class PeerScripts {
    private PeerScripts() {
    }

    public static Path dir() {
        String configured = System.getProperty("rowfs.peers.dir", System.getenv("ROWFS_PEERS_DIR"));
        if (configured != null) {
            return checked(Path.of(configured));
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("tests/peers");
            if (Files.isRegularFile(candidate.resolve("ganesha.sh"))) {
                return candidate;
            }
        }
        throw new PeerException("cannot find tests/peers/ganesha.sh above " + Path.of("").toAbsolutePath()
                + "; set -Drowfs.peers.dir=... or ROWFS_PEERS_DIR");
    }

    public static String script(String name) {
        return dir().resolve(name).toString();
    }

    private static Path checked(Path dir) {
        if (!Files.isRegularFile(dir.resolve("ganesha.sh"))) {
            throw new PeerException(dir + " does not hold the peer scripts (no ganesha.sh)");
        }
        return dir;
    }
}
