package io.rowfs.tests.boot;

import io.netty.channel.EventLoopGroup;
import io.rowfs.boot.BootClients;
import io.rowfs.boot.Transports;
import io.rowfs.boot.files.BootRoot;
import io.rowfs.boot.ftp.FtpBootServer;
import io.rowfs.boot.http.HttpBootServer;
import io.rowfs.boot.tftp.TftpConfig;
import io.rowfs.boot.tftp.TftpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** TFTP, HTTP and FTP from boot-services on 127.0.0.1 ephemeral ports, in this JVM. */
final class LoopbackBootServer implements AutoCloseable {
    final EventLoopGroup group = Transports.group(2);
    final TftpServer tftp;
    final HttpBootServer http;
    final FtpBootServer ftp;
    final int tftpPort;
    final int httpPort;
    final int ftpPort;

    LoopbackBootServer(Path root) throws IOException, InterruptedException {
        BootRoot bootRoot = new BootRoot(root);
        InetAddress lo = InetAddress.getLoopbackAddress();
        tftp = new TftpServer(bootRoot, TftpConfig.defaults(), group);
        tftpPort = tftp.start(new InetSocketAddress(lo, 0)).getPort();
        http = new HttpBootServer(bootRoot, new BootClients(), group);
        httpPort = http.start(new InetSocketAddress(lo, 0)).getPort();
        ftp = new FtpBootServer(bootRoot);
        ftpPort = freePort();
        ftp.start(new InetSocketAddress(lo, ftpPort), "0");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        ftp.close();
        http.close();
        tftp.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
