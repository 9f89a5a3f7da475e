package io.rowfs.boot;

import io.rowfs.boot.dhcp.BootFiles;
import io.rowfs.boot.dhcp.DhcpConfig;
import io.rowfs.boot.dhcp.DhcpMode;
import io.rowfs.boot.dhcp.Mac;
import io.rowfs.boot.files.BootRoot;
import io.rowfs.boot.tftp.TftpConfig;
import io.rowfs.cli.Subcommand;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rowfs boot}: DHCP, TFTP, HTTP boot and FTP on one boot root. Options can also come from a
 * file: {@code rowfs boot @boot.conf}, one option (or option and value) per line (picocli argument
 * files).
 */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"PXE boot services: DHCP (full or proxy), TFTP, HTTP boot and FTP on one directory.",
            "Options may also be read from a file: rowfs boot @FILE (one option per line)."})
public final class BootCommand implements Subcommand {
    private static final Logger LOG = LoggerFactory.getLogger(BootCommand.class);

    @Option(names = "--interface", required = true, description = "network interface DHCP answers on")
    String interfaceName;
    @Option(names = "--server-ip", required = true, description = "this server's IPv4 address on that interface")
    String serverIp;
    @Option(names = "--root", required = true, description = "directory holding the boot files")
    Path root;
    @Option(names = "--dhcp", defaultValue = "full", description = "full, proxy or off (default ${DEFAULT-VALUE})")
    String dhcpMode;
    @Option(names = "--range", description = "address pool A-B (default: .100 to .199 of the server's subnet)")
    String range;
    @Option(names = "--netmask", description = "subnet mask (default: the interface's prefix, else /24)")
    String netmask;
    @Option(names = "--host", split = ",", description = "reservations MAC=IP, comma-separated or repeated")
    List<String> hosts = new ArrayList<>();
    @Option(names = "--router", split = ",", description = "option 3 routers (not sent unless given)")
    List<String> routers = new ArrayList<>();
    @Option(names = "--dns", split = ",", description = "option 6 DNS servers (not sent unless given)")
    List<String> dns = new ArrayList<>();
    @Option(names = "--root-path", description = "option 17 root path, e.g. 10.0.0.1:/export")
    String rootPath;
    @Option(names = "--lease-file", defaultValue = "/var/lib/rowfs/boot.leases",
            description = "lease file (default ${DEFAULT-VALUE})")
    Path leaseFile;
    @Option(names = "--lease-time", defaultValue = "3600", description = "lease time in seconds")
    long leaseSeconds;
    @Option(names = "--http", defaultValue = "80", description = "HTTP boot port, 0 for off (default ${DEFAULT-VALUE})")
    int httpPort;
    @Option(names = "--tftp", defaultValue = "69", description = "TFTP port, 0 for off (default ${DEFAULT-VALUE})")
    int tftpPort;
    @Option(names = "--ftp", defaultValue = "0", description = "FTP port (off unless given)")
    int ftpPort;
    @Option(names = "--ftp-passive-ports", defaultValue = "0", description = "passive data ports, e.g. 30000-30100")
    String ftpPassive;
    @Option(names = "--bios-file", defaultValue = "undionly.kpxe", description = "boot file for BIOS PXE")
    String biosFile;
    @Option(names = "--efi64-file", defaultValue = "ipxe.efi", description = "boot file for x64 UEFI (93 = 7, 9, 16)")
    String efi64File;
    @Option(names = "--efi32-file", defaultValue = "ipxe32.efi", description = "boot file for 32-bit UEFI")
    String efi32File;
    @Option(names = "--ipxe-script", defaultValue = "boot.ipxe",
            description = "what iPXE clients get instead of a loader; empty to boot them like other ROMs")
    String ipxeScript;
    @Option(names = "--tftp-max-blksize", defaultValue = "1468", description = "cap on TFTP blksize (MTU - 32)")
    int maxBlksize;
    @Option(names = "--tftp-max-window", defaultValue = "64", description = "cap on TFTP windowsize")
    int maxWindow;
    @Option(names = "--tftp-per-client", defaultValue = "8", description = "concurrent TFTP transfers per client")
    int perClient;
    @Option(names = "--tftp-max-transfers", defaultValue = "256", description = "concurrent TFTP transfers overall")
    int maxTransfers;
    @Option(names = "--dhcp-port", defaultValue = "67", hidden = true)
    int dhcpPort;
    @Option(names = "--dhcp-client-port", defaultValue = "68", hidden = true)
    int dhcpClientPort;
    @Option(names = "--threads", defaultValue = "2", description = "Netty event loop threads")
    int threads;

    @Override
    public Integer call() throws Exception {
        BootServices.Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("rowfs boot: " + e.getMessage());
            return 2;
        }
        BootServices services = new BootServices(threads);
        try {
            services.start(settings, Clock.systemUTC());
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println("rowfs boot: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("boot: stopping");
            services.close();
            stopped.countDown();
        }, "boot-shutdown"));
        LOG.info("boot: ready on {} ({})", interfaceName, serverIp);
        stopped.await();
        return 0;
    }

    BootServices.Settings settings() throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(interfaceName);
        if (nif == null) {
            throw new IllegalArgumentException("no network interface named '" + interfaceName + "'");
        }
        Inet4Address server = ipv4(serverIp, "--server-ip");
        int prefix = prefixOn(nif, server);
        if (prefix < 0) {
            LOG.warn("boot: {} is not an address of {}", serverIp, interfaceName);
            prefix = 24;
        }
        Inet4Address mask = netmask != null ? ipv4(netmask, "--netmask") : maskOf(prefix);
        BootRoot bootRoot;
        try {
            bootRoot = new BootRoot(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("boot root " + root + " is not a readable directory");
        }
        DhcpMode mode = switch (dhcpMode) {
            case "full" -> DhcpMode.FULL;
            case "proxy" -> DhcpMode.PROXY;
            case "off" -> DhcpMode.OFF;
            default -> throw new IllegalArgumentException("--dhcp must be full, proxy or off, not '" + dhcpMode + "'");
        };
        Inet4Address first;
        Inet4Address last;
        if (range != null) {
            String[] ab = range.split("-");
            if (ab.length != 2) {
                throw new IllegalArgumentException("--range must look like 10.0.0.100-10.0.0.199");
            }
            first = ipv4(ab[0], "--range");
            last = ipv4(ab[1], "--range");
            if (toLong(first) > toLong(last)) {
                throw new IllegalArgumentException("--range " + range + " has its ends reversed: write --range "
                        + ab[1].trim() + "-" + ab[0].trim());
            }
        } else {
            long net = toLong(server) & toLong(mask);
            long bcast = net | (~toLong(mask) & 0xFFFFFFFFL);
            first = fromLong(Math.min(net + 100, bcast - 1));
            last = fromLong(Math.min(net + 199, bcast - 1));
        }
        Map<String, Inet4Address> reservations = new LinkedHashMap<>();
        for (String h : hosts) {
            String[] kv = h.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--host must look like 52:54:00:12:34:56=10.0.0.50, not '" + h + "'");
            }
            reservations.put(Mac.parse(kv[0]), ipv4(kv[1], "--host"));
        }
        List<Inet4Address> routerList = new ArrayList<>();
        for (String r : routers) {
            routerList.add(ipv4(r, "--router"));
        }
        List<Inet4Address> dnsList = new ArrayList<>();
        for (String d : dns) {
            dnsList.add(ipv4(d, "--dns"));
        }
        DhcpConfig dhcp = new DhcpConfig(mode, interfaceName, server, mask, first, last, reservations, routerList,
                dnsList, rootPath, new BootFiles(biosFile, efi32File, efi64File, ipxeScript), httpPort,
                Duration.ofSeconds(leaseSeconds), Duration.ofSeconds(60), Duration.ofMinutes(10), leaseFile,
                dhcpPort, dhcpClientPort);
        TftpConfig tftp = new TftpConfig(maxBlksize, maxWindow, Duration.ofSeconds(1), 5, perClient, maxTransfers);
        return new BootServices.Settings(bootRoot, server, dhcp, tftpPort, tftp, httpPort, ftpPort, ftpPassive);
    }

    private static int prefixOn(NetworkInterface nif, InetAddress ip) {
        for (InterfaceAddress a : nif.getInterfaceAddresses()) {
            if (a.getAddress().equals(ip)) {
                return a.getNetworkPrefixLength();
            }
        }
        return -1;
    }

    static Inet4Address ipv4(String text, String option) {
        String t = text.trim();
        if (!t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not an IPv4 address");
        }
        try {
            InetAddress a = InetAddress.getByName(t);
            if (a instanceof Inet4Address v4) {
                return v4;
            }
        } catch (UnknownHostException e) {
            // fall through
        }
        throw new IllegalArgumentException(option + ": '" + text + "' is not an IPv4 address");
    }

    private static Inet4Address maskOf(int prefix) {
        long m = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return fromLong(m);
    }

    private static long toLong(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    private static Inet4Address fromLong(long v) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16),
                (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

}
