package io.rowfs.boot.dhcp;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * DHCP server settings.
 *
 * @param rangeFirst   first pool address (full mode)
 * @param rangeLast    last pool address (full mode)
 * @param reservations MAC (canonical, see {@link Mac}) to fixed address
 * @param routers      option 3; empty means the option is not sent
 * @param dns          option 6; empty means the option is not sent
 * @param rootPath     option 17 (e.g. {@code 10.0.0.1:/export}); null means not sent
 * @param httpPort     port of the HTTP boot server, or 0 when it does not run
 * @param leaseFile    where leases are committed; null keeps them in memory only
 * @param serverPort   67 normally; tests may use another
 * @param clientPort   68 normally; tests may use another
 */
public record DhcpConfig(DhcpMode mode, String interfaceName, Inet4Address serverIp, Inet4Address netmask,
                         Inet4Address rangeFirst, Inet4Address rangeLast, Map<String, Inet4Address> reservations,
                         List<Inet4Address> routers, List<Inet4Address> dns, String rootPath, BootFiles bootFiles,
                         int httpPort, Duration leaseTime, Duration offerTime, Duration quarantineTime,
                         Path leaseFile, int serverPort, int clientPort) {
    /** RFC 2131: port 4011 is where PXE clients send proxyDHCP requests. */
    public static final int PXE_PORT = 4011;
}
