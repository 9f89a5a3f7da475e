package io.rowfs.boot.dhcp;

import io.rowfs.testsupport.ManualClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.boot.BootClients;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.dhcp4java.DHCPConstants;
import org.dhcp4java.DHCPPacket;
import org.junit.jupiter.api.Test;

class DhcpLogicTest {
    static final String MAC = "52:54:00:12:34:56";
    static final InetSocketAddress FROM = new InetSocketAddress("0.0.0.0", 68);
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final BootClients clients = new BootClients();

    DhcpConfig config(DhcpMode mode, String rootPath, List<String> routers) {
        return new DhcpConfig(mode, null, Ip4.toAddress(Ip4.parse("10.9.0.1")), Ip4.toAddress(Ip4.parse("255.255.255.0")),
                Ip4.toAddress(Ip4.parse("10.9.0.100")), Ip4.toAddress(Ip4.parse("10.9.0.110")), Map.of(),
                routers.stream().map(r -> Ip4.toAddress(Ip4.parse(r))).toList(), List.of(), rootPath,
                BootFiles.defaults(), 8080, Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofMinutes(10),
                null, 67, 68);
    }

    DhcpLogic logic(DhcpConfig c) {
        LeasePool pool = c.mode() == DhcpMode.FULL ? new LeasePool(Ip4.toLong(c.rangeFirst()), Ip4.toLong(c.rangeLast()),
                Ip4.toLong(c.serverIp()), Map.of(), clock, c.leaseTime(), c.offerTime(), c.quarantineTime(),
                LeaseLog.NONE) : null;
        return new DhcpLogic(c, pool, clients);
    }

    static DHCPPacket request(byte type, String mac) {
        DHCPPacket p = new DHCPPacket();
        p.setOp(DHCPConstants.BOOTREQUEST);
        p.setHtype((byte) 1);
        p.setHlen((byte) 6);
        p.setXid(0x1234);
        p.setChaddrHex(mac.replace(":", ""));
        p.setDHCPMessageType(type);
        return p;
    }

    static DHCPPacket pxe(DHCPPacket p, int arch) {
        p.setOptionAsString(DHCPConstants.DHO_VENDOR_CLASS_IDENTIFIER, "PXEClient:Arch:0000" + arch + ":UNDI:002001");
        p.setOptionRaw((byte) 93, new byte[] {0, (byte) arch});
        p.setOptionRaw((byte) 97, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        return p;
    }

    static DhcpLogic.Reply send(DhcpLogic logic, DHCPPacket p, boolean pxePort, InetSocketAddress from) {
        byte[] b = p.serialize();
        return logic.handle(b, b.length, from, pxePort).orElse(null);
    }

    static DHCPPacket parse(DhcpLogic.Reply r) {
        return DHCPPacket.getPacket(r.bytes(), 0, r.bytes().length, true);
    }

    static String opt(DHCPPacket p, int code) {
        byte[] raw = p.getOptionRaw((byte) code);
        return raw == null ? null : new String(raw, StandardCharsets.US_ASCII);
    }

    @Test
    void fullExchangeForABiosPxeClient() {
        DhcpLogic l = logic(config(DhcpMode.FULL, "10.9.0.1:/export", List.of()));
        DhcpLogic.Reply r = send(l, pxe(request(DHCPConstants.DHCPDISCOVER, MAC), 0), false, FROM);
        assertTrue(r.bytes().length >= 300, "reply of " + r.bytes().length + " bytes");
        assertEquals(new InetSocketAddress("255.255.255.255", 68), r.to());
        DHCPPacket offer = parse(r);
        assertEquals(DHCPConstants.DHCPOFFER, offer.getDHCPMessageType());
        assertEquals("10.9.0.100", offer.getYiaddr().getHostAddress());
        assertEquals("10.9.0.1", offer.getSiaddr().getHostAddress());
        assertEquals("undionly.kpxe", offer.getFile());
        assertEquals("10.9.0.1", offer.getSname());
        assertEquals("10.9.0.1", opt(offer, 66));
        assertEquals("undionly.kpxe", opt(offer, 67));
        assertEquals("PXEClient", opt(offer, 60));
        assertArrayEquals(new byte[] {6, 1, 8, (byte) 255}, offer.getOptionRaw((byte) 43));
        assertEquals(17, offer.getOptionRaw((byte) 97).length, "option 97 mirrored");
        assertEquals("10.9.0.1:/export", opt(offer, 17));
        assertNull(offer.getOptionRaw(DHCPConstants.DHO_ROUTERS), "no router unless configured");
        assertNull(offer.getOptionRaw(DHCPConstants.DHO_DOMAIN_NAME_SERVERS), "no DNS unless configured");
        assertEquals(3600, offer.getOptionAsInteger(DHCPConstants.DHO_DHCP_LEASE_TIME));

        DHCPPacket req = pxe(request(DHCPConstants.DHCPREQUEST, MAC), 0);
        req.setOptionAsInetAddress(DHCPConstants.DHO_DHCP_REQUESTED_ADDRESS, offer.getYiaddr());
        req.setOptionAsInetAddress(DHCPConstants.DHO_DHCP_SERVER_IDENTIFIER, offer.getSiaddr());
        DHCPPacket ack = parse(send(l, req, false, FROM));
        assertEquals(DHCPConstants.DHCPACK, ack.getDHCPMessageType());
        assertEquals("10.9.0.100", ack.getYiaddr().getHostAddress());
        assertEquals(MAC, clients.byIp("10.9.0.100").orElseThrow().mac());
        assertEquals("bios", clients.byIp("10.9.0.100").orElseThrow().arch());
    }

    @Test
    void architectureChoosesTheBootFile() {
        DhcpLogic l = logic(config(DhcpMode.FULL, null, List.of()));
        assertEquals("ipxe.efi", parse(send(l, pxe(request(DHCPConstants.DHCPDISCOVER, MAC), 7), false, FROM)).getFile());
        assertEquals("ipxe.efi", parse(send(l, pxe(request(DHCPConstants.DHCPDISCOVER, MAC), 9), false, FROM)).getFile());
        assertEquals("ipxe32.efi", parse(send(l, pxe(request(DHCPConstants.DHCPDISCOVER, MAC), 6), false, FROM)).getFile());
        DHCPPacket http = request(DHCPConstants.DHCPDISCOVER, MAC);
        http.setOptionAsString(DHCPConstants.DHO_VENDOR_CLASS_IDENTIFIER, "HTTPClient:Arch:00016:UNDI:003001");
        http.setOptionRaw((byte) 93, new byte[] {0, 16});
        DHCPPacket offer = parse(send(l, http, false, FROM));
        assertEquals("HTTPClient", opt(offer, 60));
        assertEquals("http://10.9.0.1:8080/ipxe.efi", opt(offer, 67));
    }

    @Test
    void ipxeGetsTheScriptNotTheBinary() {
        DhcpLogic l = logic(config(DhcpMode.FULL, null, List.of()));
        DHCPPacket p = pxe(request(DHCPConstants.DHCPDISCOVER, MAC), 0);
        p.setOptionRaw(DHCPConstants.DHO_USER_CLASS, "iPXE".getBytes(StandardCharsets.US_ASCII));
        assertEquals("http://10.9.0.1:8080/boot.ipxe", parse(send(l, p, false, FROM)).getFile());
        DHCPPacket q = pxe(request(DHCPConstants.DHCPDISCOVER, "52:54:00:12:34:57"), 0);
        q.setOptionRaw((byte) 175, new byte[] {(byte) 177, 5, 1, 0x10, (byte) 0xec, 0x10, 0x20});
        assertEquals("http://10.9.0.1:8080/boot.ipxe", opt(parse(send(l, q, false, FROM)), 67));
    }

    @Test
    void routersWhenConfiguredAndRespectsMaxMessageSize() {
        DhcpLogic l = logic(config(DhcpMode.FULL, null, List.of("10.9.0.254")));
        DHCPPacket p = request(DHCPConstants.DHCPDISCOVER, MAC);
        p.setOptionAsShort(DHCPConstants.DHO_DHCP_MAX_MESSAGE_SIZE, (short) 576);
        DhcpLogic.Reply r = send(l, p, false, FROM);
        assertTrue(r.bytes().length <= 576 && r.bytes().length >= 300);
        assertEquals("10.9.0.254", parse(r).getOptionAsInetAddrs(DHCPConstants.DHO_ROUTERS)[0].getHostAddress());
        assertNull(opt(parse(r), 60), "no PXE vendor class for a non-PXE client");
    }

    @Test
    void renewIsUnicastToCiaddrAndNakIsBroadcast() {
        DhcpLogic l = logic(config(DhcpMode.FULL, null, List.of()));
        DHCPPacket offer = parse(send(l, request(DHCPConstants.DHCPDISCOVER, MAC), false, FROM));
        DHCPPacket renew = request(DHCPConstants.DHCPREQUEST, MAC);
        renew.setCiaddr(offer.getYiaddr());
        DhcpLogic.Reply r = send(l, renew, false, new InetSocketAddress(offer.getYiaddr(), 68));
        assertEquals(DHCPConstants.DHCPACK, parse(r).getDHCPMessageType());
        assertEquals(new InetSocketAddress(offer.getYiaddr(), 68), r.to());

        DHCPPacket wrong = request(DHCPConstants.DHCPREQUEST, "52:54:00:00:00:01");
        wrong.setOptionAsInetAddress(DHCPConstants.DHO_DHCP_REQUESTED_ADDRESS, offer.getYiaddr());
        DhcpLogic.Reply nak = send(l, wrong, false, FROM);
        assertEquals(DHCPConstants.DHCPNAK, parse(nak).getDHCPMessageType());
        assertEquals(new InetSocketAddress("255.255.255.255", 68), nak.to());
    }

    @Test
    void requestForAnotherServerWithdrawsTheOffer() {
        DhcpLogic l = logic(config(DhcpMode.FULL, null, List.of()));
        DHCPPacket offer = parse(send(l, request(DHCPConstants.DHCPDISCOVER, MAC), false, FROM));
        DHCPPacket req = request(DHCPConstants.DHCPREQUEST, MAC);
        req.setOptionAsInetAddress(DHCPConstants.DHO_DHCP_REQUESTED_ADDRESS, offer.getYiaddr());
        req.setOptionRaw(DHCPConstants.DHO_DHCP_SERVER_IDENTIFIER, new byte[] {10, 9, 0, 2});
        assertNull(send(l, req, false, FROM));
        DHCPPacket discover = request(DHCPConstants.DHCPDISCOVER, "52:54:00:00:00:02");
        discover.setOptionAsInetAddress(DHCPConstants.DHO_DHCP_REQUESTED_ADDRESS, offer.getYiaddr());
        DHCPPacket other = parse(send(l, discover, false, FROM));
        assertEquals(offer.getYiaddr(), other.getYiaddr(), "the withdrawn address is free again");
    }

    @Test
    void releaseAndDecline() {
        DhcpLogic l = logic(config(DhcpMode.FULL, null, List.of()));
        DHCPPacket offer = parse(send(l, request(DHCPConstants.DHCPDISCOVER, MAC), false, FROM));
        DHCPPacket req = request(DHCPConstants.DHCPREQUEST, MAC);
        req.setOptionAsInetAddress(DHCPConstants.DHO_DHCP_REQUESTED_ADDRESS, offer.getYiaddr());
        send(l, req, false, FROM);
        DHCPPacket decline = request(DHCPConstants.DHCPDECLINE, MAC);
        decline.setOptionAsInetAddress(DHCPConstants.DHO_DHCP_REQUESTED_ADDRESS, offer.getYiaddr());
        assertNull(send(l, decline, false, FROM));
        DHCPPacket again = parse(send(l, request(DHCPConstants.DHCPDISCOVER, MAC), false, FROM));
        assertNotEquals(offer.getYiaddr(), again.getYiaddr(), "declined address quarantined");
        DHCPPacket release = request(DHCPConstants.DHCPRELEASE, MAC);
        release.setCiaddr(again.getYiaddr());
        assertNull(send(l, release, false, FROM));
    }

    @Test
    void proxyModeGivesBootInfoOnlyAndAnswers4011ToTheSender() {
        DhcpLogic l = logic(config(DhcpMode.PROXY, null, List.of()));
        assertNull(send(l, request(DHCPConstants.DHCPDISCOVER, MAC), false, FROM), "non-PXE clients are not answered");
        DHCPPacket offer = parse(send(l, pxe(request(DHCPConstants.DHCPDISCOVER, MAC), 7), false, FROM));
        assertEquals("0.0.0.0", offer.getYiaddr().getHostAddress());
        assertEquals("ipxe.efi", offer.getFile());
        assertNull(offer.getOptionRaw(DHCPConstants.DHO_DHCP_LEASE_TIME));
        assertNull(offer.getOptionRaw(DHCPConstants.DHO_SUBNET_MASK));
        DHCPPacket req = pxe(request(DHCPConstants.DHCPREQUEST, MAC), 7);
        req.setCiaddr(Ip4.toAddress(Ip4.parse("10.9.0.50")));
        InetSocketAddress from = new InetSocketAddress("10.9.0.50", 4011);
        DhcpLogic.Reply r = send(l, req, true, from);
        assertEquals(from, r.to());
        assertEquals(DHCPConstants.DHCPACK, parse(r).getDHCPMessageType());
        assertNull(send(l, pxe(request(DHCPConstants.DHCPREQUEST, MAC), 7), false, FROM), "REQUEST on 67 is the real server's");
    }

    @Test
    void garbageAndTruncatedPacketsAreDropped() {
        DhcpLogic l = logic(config(DhcpMode.FULL, null, List.of()));
        Random r = new Random(1);
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[r.nextInt(600)];
            r.nextBytes(junk);
            if (junk.length > 240 && r.nextBoolean()) {
                junk[0] = 1;
                junk[1] = 1;
                junk[2] = 6;
                junk[236] = 99;
                junk[237] = (byte) 130;
                junk[238] = 83;
                junk[239] = 99;
            }
            Optional<DhcpLogic.Reply> reply = l.handle(junk, junk.length, FROM, false);
            assertTrue(reply.isEmpty() || reply.get().bytes().length >= 300);
        }
        byte[] good = request(DHCPConstants.DHCPDISCOVER, MAC).serialize();
        for (int len : new int[] {0, 1, 100, 236, 240, 241}) {
            l.handle(good, Math.min(len, good.length), FROM, false);
        }
        assertFalse(l.handle(good, good.length, FROM, false).isEmpty(), "still serving after junk");
    }

    @Test
    void messageTypeOfTheWrongLengthIsDroppedAndCounted() {
        DhcpLogic l = logic(config(DhcpMode.FULL, null, List.of()));
        byte[] good = request(DHCPConstants.DHCPDISCOVER, MAC).serialize();
        assertEquals(0, l.malformed());
        for (byte[] value : new byte[][] {{}, {1, 0, 0, 0}, {1, 1}}) {
            byte[] bad = DhcpBytes.withMessageType(good, value);
            assertTrue(l.handle(bad, bad.length, FROM, false).isEmpty(), "option 53 of length " + value.length);
        }
        assertEquals(3, l.malformed());
        byte[] same = DhcpBytes.withMessageType(good, new byte[] {DHCPConstants.DHCPDISCOVER});
        assertFalse(l.handle(same, same.length, FROM, false).isEmpty(), "still serving");
        assertEquals(3, l.malformed());
    }
}
