package io.rowfs.boot.ftp;

import io.rowfs.boot.files.BootRoot;
import java.net.InetSocketAddress;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.listener.ListenerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anonymous, read-only, passive-only FTP on the boot root, bound to one address. Changed from
 * FtpServer's defaults: active mode (PORT, with its FTP-bounce risk) is off, passive data
 * connections are checked to come from the control connection's address, only anonymous
 * logins without write permission exist, and names are resolved by {@link BootRoot} as for TFTP and
 * HTTP ({@link BootRootFileSystem}), never by FtpServer's native file system.
 */
public final class FtpBootServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FtpBootServer.class);
    private static final int MAX_LOGINS = 32;

    private final BootRoot root;
    private FtpServer server;

    public FtpBootServer(BootRoot root) {
        this.root = root;
    }

    /**
     * @param passivePorts FtpServer's port list syntax ("30000-30100"), or "0" for any free port
     */
    public void start(InetSocketAddress bind, String passivePorts) {
        // FtpServer logs every command and reply at INFO; keep its downloads (RETR) and quiet the
        // echo, unless the user set a level for it (slf4j-simple reads levels from system properties)
        System.getProperties().putIfAbsent(
                "org.slf4j.simpleLogger.log.org.apache.ftpserver.listener.nio.FtpLoggingFilter", "warn");
        // with passive port 0 (any free port) FtpServer warns about every release; it is harmless
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.apache.ftpserver.impl.PassivePorts", "error");
        String host = bind.getAddress().getHostAddress();
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setActiveEnabled(false);
        data.setActiveIpCheck(true);
        data.setPassiveIpCheck(true);
        data.setPassiveAddress(host);
        data.setPassiveExternalAddress(host);
        data.setPassivePorts(passivePorts);
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress(host);
        listener.setPort(bind.getPort());
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setAnonymousLoginEnabled(true);
        connections.setMaxAnonymousLogins(MAX_LOGINS);
        connections.setMaxLogins(MAX_LOGINS);
        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener("default", listener.createListener());
        factory.setConnectionConfig(connections.createConnectionConfig());
        factory.setFtplets(new java.util.LinkedHashMap<>(java.util.Map.of("log", new DownloadLog())));
        factory.setUserManager(new AnonymousUserManager(root.path().toString(), MAX_LOGINS));
        factory.setFileSystem(new BootRootFileSystem(root));
        server = factory.createServer();
        try {
            server.start();
        } catch (FtpException | RuntimeException e) {
            throw new IllegalStateException("FTP cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        LOG.info("ftp: serving {} read-only to anonymous on {} (passive only)", root.path(), bind);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
