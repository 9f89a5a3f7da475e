package io.rowfs.shadow;

import io.rowfs.cli.HostPort;
import io.rowfs.cli.Subcommand;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rowfs shadow-server}: serve a local directory over NFSv3 until stopped. */
@Command(name = "shadow-server", mixinStandardHelpOptions = true,
        description = "Serve a local directory over NFSv3 + MOUNT v3 (TCP and UDP), with an embedded portmapper.")
public final class ShadowServerCommand implements Subcommand {
    @Option(names = "--export", required = true, description = "Directory to export.")
    Path export;

    @Option(names = "--listen", defaultValue = "127.0.0.1:2049",
            description = "ADDR:PORT for NFS and MOUNT (default ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--read-only", description = "Refuse every change with NFS3ERR_ROFS.")
    boolean readOnly;

    @Option(names = "--portmap", description = "Portmapper port (default: 111 if free, else ephemeral; -1: none).")
    Integer portmap;

    @Option(names = "--state", description = "State directory (handle key, inode table); default EXPORT/.rowfs-shadow.")
    Path state;

    @Option(names = "--io-threads", defaultValue = "4", description = "Blocking I/O threads (default ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--pooled-inodes", defaultValue = "4096",
            description = "Most inodes of removed files kept for new files (default ${DEFAULT-VALUE}; 0: off).")
    int pooledInodes;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress addr = HostPort.parse("--listen", listen);
        int pm = portmap == null ? ShadowServer.PORTMAP_DEFAULT
                : portmap < 0 ? ShadowServer.PORTMAP_NONE : portmap;
        if (pooledInodes < 0) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--pooled-inodes must not be negative, got " + pooledInodes);
        }
        ShadowServer server = ShadowServer.builder().export(export).stateDir(state).listen(addr)
                .readOnly(readOnly).portmap(pm).ioThreads(ioThreads).pooledInodes(pooledInodes).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shadow-server-shutdown"));
        System.out.println("shadow-server: exporting " + server.fs().root() + (readOnly ? " (read-only)" : "")
                + " on " + addr.getAddress().getHostAddress() + ":" + server.port() + " (NFSv3+MOUNTv3, TCP+UDP)"
                + (server.portmapPort() > 0 ? ", portmapper on " + server.portmapPort() : ""));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
