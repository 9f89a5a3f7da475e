package io.rowfs.proxy.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sockets this JVM listens on (TCP in LISTEN) or has bound for datagrams (UDP), by socket
 * inode: this process's descriptors ({@code /proc/self/fd}) matched against {@code /proc/net}.
 * Other processes' sockets do not count, so tests running beside others stay exact.
 */
final class ListeningSockets {
    private static final String TCP_LISTEN = "0A";

    private ListeningSockets() {
    }

    /** "tcp:PORT" or "udp:PORT" for each listening or bound socket of this process. */
    static Set<String> ofThisProcess() throws IOException {
        Set<String> mine = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        mine.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<String> out = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path p = Path.of("/proc/net", table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                boolean tcp = table.startsWith("tcp");
                if (f.length > 9 && mine.contains(f[9]) && (!tcp || f[3].equals(TCP_LISTEN))) {
                    String port = f[1].substring(f[1].indexOf(':') + 1);
                    out.add((tcp ? "tcp:" : "udp:") + Integer.parseInt(port, 16));
                }
            }
        }
        return out;
    }
}
