package io.rowfs.boot.dhcp;

import java.nio.charset.StandardCharsets;
import org.dhcp4java.DHCPConstants;
import org.dhcp4java.DHCPPacket;

/**
 * What a DHCP request says about its sender, read once from the packet.
 *
 * @param arch         option 93 (RFC 4578) first entry, or -1 when absent
 * @param vendorClass  option 60, or "" when absent
 * @param ipxe         user class (77) holds "iPXE" or option 175 (iPXE encapsulated) is present
 * @param machineId    option 97 raw bytes (mirrored in replies), or null
 * @param maxMessage   option 57, or 0 when absent
 */
record ClientInfo(String mac, int arch, String vendorClass, boolean ipxe, byte[] machineId, int maxMessage) {
    static final byte OPT_CLIENT_ARCH = 93;
    static final byte OPT_CLIENT_MACHINE_ID = 97;
    static final byte OPT_IPXE = (byte) 175;

    /** RFC 4578 / IANA processor architecture types. */
    static final int ARCH_BIOS = 0;
    static final int ARCH_EFI32 = 6;
    static final int ARCH_EFI64 = 7;
    static final int ARCH_EFI_BC = 9;
    static final int ARCH_EFI64_HTTP = 16;

    static ClientInfo of(DHCPPacket p) {
        String mac = Mac.of(p.getChaddr(), 6);
        byte[] arch = p.getOptionRaw(OPT_CLIENT_ARCH);
        int a = arch != null && arch.length >= 2 ? ((arch[0] & 0xFF) << 8) | (arch[1] & 0xFF) : -1;
        byte[] vc = p.getOptionRaw(DHCPConstants.DHO_VENDOR_CLASS_IDENTIFIER);
        String vendor = vc == null ? "" : new String(vc, StandardCharsets.ISO_8859_1);
        byte[] uc = p.getOptionRaw(DHCPConstants.DHO_USER_CLASS);
        boolean ipxe = p.containsOption(OPT_IPXE)
                || (uc != null && new String(uc, StandardCharsets.ISO_8859_1).contains("iPXE"));
        byte[] max = p.getOptionRaw(DHCPConstants.DHO_DHCP_MAX_MESSAGE_SIZE);
        int maxMessage = max != null && max.length == 2 ? ((max[0] & 0xFF) << 8) | (max[1] & 0xFF) : 0;
        return new ClientInfo(mac, a, vendor, ipxe, p.getOptionRaw(OPT_CLIENT_MACHINE_ID), maxMessage);
    }

    boolean pxe() {
        return vendorClass.startsWith("PXEClient") || httpBoot();
    }

    boolean httpBoot() {
        return vendorClass.startsWith("HTTPClient") || arch == ARCH_EFI64_HTTP;
    }

    String archName() {
        return switch (arch) {
            case -1, ARCH_BIOS -> "bios";
            case ARCH_EFI32 -> "efi32";
            case ARCH_EFI64, ARCH_EFI_BC -> "efi64";
            case ARCH_EFI64_HTTP -> "efi64-http";
            default -> "arch" + arch;
        };
    }
}
