package io.rowfs.boot.dhcp;

import io.rowfs.boot.BootClients;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.dhcp4java.DHCPBadPacketException;
import org.dhcp4java.DHCPConstants;
import org.dhcp4java.DHCPPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP server's decisions, free of I/O: one request in, at most one reply (with where it goes)
 * out. RFC 2131 4.3 for full mode; PXE 2.1 proxyDHCP for proxy mode.
 *
 * <p>Where replies go (RFC 2131 4.1): to the relay ({@code giaddr}:67) when relayed; to the
 * request's own source address and port on port 4011; to {@code ciaddr}:68 when the client has an
 * address (renewing, INFORM); otherwise broadcast to 255.255.255.255:68, which also covers the
 * broadcast flag. (Unicasting to a client without an address would need an ARP entry injected
 * for it, which a Java process cannot do; broadcasting is what RFC 2131 allows instead.)
 *
 * <p>Owned by the DHCP worker thread.
 */
public final class DhcpLogic {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpLogic.class);
    /** PXE option 43 sub-option 6 (PXE_DISCOVERY_CONTROL) = 8: boot from the file given here. */
    private static final byte[] PXE_VENDOR_OPTIONS = {6, 1, 8, (byte) 255};
    /** BOOTP minimum reply size (RFC 951: 236-byte header and a 64-byte vendor area). */
    static final int MIN_REPLY = 300;
    /** RFC 2131: every client accepts 576-byte messages. */
    static final int DEFAULT_MAX = 576;
    static final int ETHERNET_MAX = 1500;
    private static final Inet4Address ZERO = Ip4.toAddress(0);
    private static final Inet4Address BROADCAST = Ip4.toAddress(0xFFFFFFFFL);

    /** A reply and its destination. */
    public record Reply(byte[] bytes, InetSocketAddress to) {
    }

    private final DhcpConfig config;
    private final LeasePool pool;
    private final BootFileChooser chooser;
    private final BootClients clients;
    private final long serverIp;
    private final LongAdder malformed = new LongAdder();

    public DhcpLogic(DhcpConfig config, LeasePool pool, BootClients clients) {
        this.config = config;
        this.pool = pool;
        this.clients = clients;
        this.serverIp = Ip4.toLong(config.serverIp());
        String httpBase = config.httpPort() > 0
                ? "http://" + config.serverIp().getHostAddress() + ":" + config.httpPort() + "/" : null;
        this.chooser = new BootFileChooser(config.bootFiles(), httpBase);
    }

    /**
     * Requests dropped as malformed since start: unparseable, an option cut off by the end of the
     * packet, a message type (option 53) that is not one byte, options that cannot be read. Read by
     * any thread.
     */
    public long malformed() {
        return malformed.sum();
    }

    /** Handles one datagram; {@code pxePort} is true when it arrived on port 4011. */
    public Optional<Reply> handle(byte[] data, int length, InetSocketAddress sender, boolean pxePort) {
        DHCPPacket req;
        try {
            req = DHCPPacket.getPacket(data, 0, length, false);
        } catch (RuntimeException e) {
            return drop(sender, "unparseable packet of " + length + " bytes: " + e.getMessage());
        }
        if (req.isTruncated()) {
            return drop(sender, "an option runs past the end of the " + length + "-byte packet");
        }
        if (req.getOp() != DHCPConstants.BOOTREQUEST || req.getHtype() != 1 || req.getHlen() != 6) {
            LOG.debug("dhcp: ignored op {} htype {} hlen {} from {}", req.getOp(), req.getHtype(), req.getHlen(), sender);
            return Optional.empty();
        }
        byte[] messageType = req.getOptionRaw(DHCPConstants.DHO_DHCP_MESSAGE_TYPE);
        if (messageType == null) {
            LOG.info("dhcp: ignored a BOOTP request (no message type) from {}", sender);
            return Optional.empty();
        }
        if (messageType.length != 1) {
            return drop(sender, "option 53 (message type) of " + messageType.length + " bytes, expected 1");
        }
        byte type = messageType[0];
        ClientInfo client;
        try {
            client = ClientInfo.of(req);
        } catch (RuntimeException e) {
            return drop(sender, "unreadable options: " + e.getMessage());
        }
        try {
            return switch (config.mode()) {
                case FULL -> full(req, type, client, sender);
                case PROXY -> proxy(req, type, client, sender, pxePort);
                case OFF -> Optional.empty();
            };
        } catch (DHCPBadPacketException e) {
            return drop(sender, "bad option: " + e.getMessage()); // the client's fault; a server bug is not caught here
        }
    }

    /** Counts a malformed request and drops it with one debug line: a client's garbage is no server event. */
    private Optional<Reply> drop(InetSocketAddress sender, String why) {
        malformed.increment();
        LOG.debug("dhcp: dropped a request from {}: {}", sender, why);
        return Optional.empty();
    }

    private Optional<Reply> full(DHCPPacket req, byte type, ClientInfo client, InetSocketAddress sender) {
        String mac = client.mac();
        switch (type) {
            case DHCPConstants.DHCPDISCOVER -> {
                Long requested = address(req.getOptionRaw(DHCPConstants.DHO_DHCP_REQUESTED_ADDRESS));
                Optional<Long> ip = pool.offer(mac, requested);
                if (ip.isEmpty()) {
                    LOG.warn("dhcp: DISCOVER from {}: no free address in the pool", mac);
                    return Optional.empty();
                }
                return reply(req, client, DHCPConstants.DHCPOFFER, ip.get(), true, sender, false);
            }
            case DHCPConstants.DHCPREQUEST -> {
                Long serverId = address(req.getOptionRaw(DHCPConstants.DHO_DHCP_SERVER_IDENTIFIER));
                if (serverId != null && serverId != serverIp) {
                    LOG.info("dhcp: {} chose server {}; offer withdrawn", mac, Ip4.toString(serverId));
                    pool.withdrawOffer(mac);
                    return Optional.empty();
                }
                Long ip = address(req.getOptionRaw(DHCPConstants.DHO_DHCP_REQUESTED_ADDRESS));
                if (ip == null) {
                    ip = Ip4.toLong(req.getCiaddr());
                }
                if (ip == 0) {
                    LOG.info("dhcp: REQUEST from {} names no address; ignored", mac);
                    return Optional.empty();
                }
                Optional<Lease> lease = pool.request(mac, ip);
                if (lease.isEmpty()) {
                    return reply(req, client, DHCPConstants.DHCPNAK, ip, false, sender, false);
                }
                clients.record(new BootClients.Client(mac, Ip4.toString(ip), client.archName()));
                return reply(req, client, DHCPConstants.DHCPACK, ip, true, sender, false);
            }
            case DHCPConstants.DHCPINFORM -> {
                return reply(req, client, DHCPConstants.DHCPACK, 0, false, sender, false);
            }
            case DHCPConstants.DHCPRELEASE -> {
                long ip = Ip4.toLong(req.getCiaddr());
                boolean freed = pool.release(mac, ip);
                LOG.info("dhcp: RELEASE of {} from {}: {}", Ip4.toString(ip), mac, freed ? "freed" : "not held by it");
                return Optional.empty();
            }
            case DHCPConstants.DHCPDECLINE -> {
                Long ip = address(req.getOptionRaw(DHCPConstants.DHO_DHCP_REQUESTED_ADDRESS));
                if (ip != null) {
                    pool.decline(mac, ip);
                    LOG.warn("dhcp: DECLINE of {} from {}: address quarantined", Ip4.toString(ip), mac);
                }
                return Optional.empty();
            }
            default -> {
                LOG.debug("dhcp: ignored message type {} from {}", type, mac);
                return Optional.empty();
            }
        }
    }

    private Optional<Reply> proxy(DHCPPacket req, byte type, ClientInfo client, InetSocketAddress sender,
                                  boolean pxePort) {
        if (!client.pxe()) {
            return Optional.empty();
        }
        if (!pxePort && type == DHCPConstants.DHCPDISCOVER) {
            return reply(req, client, DHCPConstants.DHCPOFFER, 0, false, sender, false);
        }
        if (pxePort && (type == DHCPConstants.DHCPREQUEST || type == DHCPConstants.DHCPINFORM)) {
            return reply(req, client, DHCPConstants.DHCPACK, 0, false, sender, true);
        }
        return Optional.empty();
    }

    private Optional<Reply> reply(DHCPPacket req, ClientInfo client, byte type, long ip, boolean withLease,
                                  InetSocketAddress sender, boolean toSender) {
        DHCPPacket r = new DHCPPacket();
        r.setOp(DHCPConstants.BOOTREPLY);
        r.setHtype(req.getHtype());
        r.setHlen(req.getHlen());
        r.setXid(req.getXid());
        r.setFlags(req.getFlags());
        r.setGiaddrRaw(req.getGiaddrRaw());
        r.setChaddr(req.getChaddr());
        r.setCiaddr(type == DHCPConstants.DHCPNAK ? ZERO : req.getCiaddr());
        r.setYiaddr(withLease ? Ip4.toAddress(ip) : ZERO);
        r.setDHCPMessageType(type);
        r.setOptionAsInetAddress(DHCPConstants.DHO_DHCP_SERVER_IDENTIFIER, config.serverIp());
        String file = null;
        if (type != DHCPConstants.DHCPNAK) {
            if (withLease) {
                int secs = (int) Math.min(Integer.MAX_VALUE, pool.leaseTime().toSeconds());
                r.setOptionAsInt(DHCPConstants.DHO_DHCP_LEASE_TIME, secs);
                r.setOptionAsInt(DHCPConstants.DHO_DHCP_RENEWAL_TIME, secs / 2);
                r.setOptionAsInt(DHCPConstants.DHO_DHCP_REBINDING_TIME, (int) (secs * 7L / 8));
            }
            if (config.mode() == DhcpMode.FULL) {
                r.setOptionAsInetAddress(DHCPConstants.DHO_SUBNET_MASK, config.netmask());
                if (!config.routers().isEmpty()) {
                    r.setOptionAsInetAddresses(DHCPConstants.DHO_ROUTERS, array(config.routers()));
                }
                if (!config.dns().isEmpty()) {
                    r.setOptionAsInetAddresses(DHCPConstants.DHO_DOMAIN_NAME_SERVERS, array(config.dns()));
                }
                if (config.rootPath() != null) {
                    r.setOptionAsString(DHCPConstants.DHO_ROOT_PATH, config.rootPath());
                }
            }
            file = bootInfo(r, client);
        }
        int max = client.maxMessage() >= DEFAULT_MAX ? Math.min(client.maxMessage(), ETHERNET_MAX) : DEFAULT_MAX;
        byte[] bytes;
        try {
            bytes = r.serialize(MIN_REPLY, max);
        } catch (RuntimeException e) {
            LOG.error("dhcp: reply to {} does not fit {} bytes: {}", client.mac(), max, e.getMessage());
            return Optional.empty();
        }
        InetSocketAddress to = destination(req, type, sender, toSender);
        LOG.info("dhcp: {} from {} ({}{}{}) -> {} {}{} to {}", name(req.getDHCPMessageType()), client.mac(),
                client.archName(), client.vendorClass().isEmpty() ? "" : ", " + client.vendorClass(),
                client.ipxe() ? ", iPXE" : "", name(type), ip == 0 ? "" : Ip4.toString(ip),
                file == null ? "" : " file " + file, to);
        return Optional.of(new Reply(bytes, to));
    }

    /** Sets siaddr, sname, file, 66, 67 and, for PXE clients, 60, 43 and 97; returns the file. */
    private String bootInfo(DHCPPacket r, ClientInfo client) {
        BootFileChooser.Choice choice = chooser.choose(client);
        String server = config.serverIp().getHostAddress();
        r.setSiaddr(config.serverIp());
        r.setSname(server);
        if (choice.file().getBytes(StandardCharsets.US_ASCII).length < 128) {
            r.setFile(choice.file());
        }
        r.setOptionAsString(DHCPConstants.DHO_TFTP_SERVER, server);
        r.setOptionAsString(DHCPConstants.DHO_BOOTFILE, choice.file());
        if (client.pxe() || client.ipxe()) {
            r.setOptionAsString(DHCPConstants.DHO_VENDOR_CLASS_IDENTIFIER, choice.vendorClass());
            r.setOptionRaw(DHCPConstants.DHO_VENDOR_ENCAPSULATED_OPTIONS, PXE_VENDOR_OPTIONS);
            if (client.machineId() != null) {
                r.setOptionRaw(ClientInfo.OPT_CLIENT_MACHINE_ID, client.machineId());
            }
        }
        return choice.file();
    }

    private InetSocketAddress destination(DHCPPacket req, byte type, InetSocketAddress sender, boolean toSender) {
        if (toSender) {
            return sender;
        }
        long giaddr = Ip4.toLong(req.getGiaddr());
        if (giaddr != 0) {
            return new InetSocketAddress(Ip4.toAddress(giaddr), config.serverPort());
        }
        long ciaddr = Ip4.toLong(req.getCiaddr());
        if (type != DHCPConstants.DHCPNAK && ciaddr != 0) {
            return new InetSocketAddress(req.getCiaddr(), config.clientPort());
        }
        return new InetSocketAddress(BROADCAST, config.clientPort());
    }

    private static Long address(byte[] raw) {
        if (raw == null || raw.length != 4) {
            return null;
        }
        return ((raw[0] & 0xFFL) << 24) | ((raw[1] & 0xFFL) << 16) | ((raw[2] & 0xFFL) << 8) | (raw[3] & 0xFFL);
    }

    private static InetAddress[] array(List<Inet4Address> list) {
        return list.toArray(new InetAddress[0]);
    }

    private static String name(Byte type) {
        if (type == null) {
            return "BOOTP";
        }
        return switch (type) {
            case DHCPConstants.DHCPDISCOVER -> "DISCOVER";
            case DHCPConstants.DHCPOFFER -> "OFFER";
            case DHCPConstants.DHCPREQUEST -> "REQUEST";
            case DHCPConstants.DHCPDECLINE -> "DECLINE";
            case DHCPConstants.DHCPACK -> "ACK";
            case DHCPConstants.DHCPNAK -> "NAK";
            case DHCPConstants.DHCPRELEASE -> "RELEASE";
            case DHCPConstants.DHCPINFORM -> "INFORM";
            default -> "type " + type;
        };
    }
}
