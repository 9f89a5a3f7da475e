package io.rowfs.boot;

import io.netty.channel.EventLoopGroup;
import io.rowfs.boot.dhcp.DhcpConfig;
import io.rowfs.boot.dhcp.DhcpMode;
import io.rowfs.boot.dhcp.DhcpServer;
import io.rowfs.boot.files.BootRoot;
import io.rowfs.boot.ftp.FtpBootServer;
import io.rowfs.boot.http.HttpBootServer;
import io.rowfs.boot.tftp.TftpConfig;
import io.rowfs.boot.tftp.TftpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Starts and stops the boot services that are switched on, in the order DHCP depends on them
 * (HTTP and TFTP first, so the first boot file asked for can be served). A port of 0 switches a
 * service off. If one fails to start, those already started are stopped again.
 */
public final class BootServices implements AutoCloseable {
    /** What to run: ports of 0 are off; {@code dhcp} may be null or in mode OFF. */
    public record Settings(BootRoot root, java.net.InetAddress serverIp, DhcpConfig dhcp, int tftpPort,
                           TftpConfig tftp, int httpPort, int ftpPort, String ftpPassivePorts) {
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final EventLoopGroup group;
    private final BootClients clients = new BootClients();
    private InetSocketAddress tftpAddress;
    private InetSocketAddress httpAddress;
    private int dhcpPort;

    public BootServices(int threads) {
        this.group = Transports.group(threads);
    }

    public void start(Settings s, Clock clock) throws IOException, InterruptedException {
        try {
            if (s.httpPort() > 0) {
                HttpBootServer http = new HttpBootServer(s.root(), clients, group);
                httpAddress = http.start(new InetSocketAddress(s.serverIp(), s.httpPort()));
                started.push(http);
            }
            if (s.tftpPort() > 0) {
                TftpServer tftp = new TftpServer(s.root(), s.tftp(), group);
                tftpAddress = tftp.start(new InetSocketAddress(s.serverIp(), s.tftpPort()));
                started.push(tftp);
            }
            if (s.ftpPort() > 0) {
                FtpBootServer ftp = new FtpBootServer(s.root());
                ftp.start(new InetSocketAddress(s.serverIp(), s.ftpPort()), s.ftpPassivePorts());
                started.push(ftp);
            }
            if (s.dhcp() != null && s.dhcp().mode() != DhcpMode.OFF) {
                DhcpServer dhcp = new DhcpServer(s.dhcp(), group, clients, clock);
                started.push(dhcp);
                dhcpPort = dhcp.start();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public InetSocketAddress tftpAddress() {
        return tftpAddress;
    }

    public InetSocketAddress httpAddress() {
        return httpAddress;
    }

    public int dhcpPort() {
        return dhcpPort;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(BootServices.class).warn("boot: stopping a service failed", e);
            }
        }
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
