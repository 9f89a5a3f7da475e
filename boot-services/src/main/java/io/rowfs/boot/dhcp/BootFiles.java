package io.rowfs.boot.dhcp;

/**
 * Which boot file each kind of client gets. Names are paths inside the boot root (served by TFTP),
 * except that UEFI HTTP clients and iPXE get URLs on the HTTP server when it runs.
 *
 * @param bios       legacy BIOS PXE (option 93 = 0 or absent)
 * @param efi32      32-bit UEFI (93 = 6)
 * @param efi64      64-bit UEFI (93 = 7, and 9 which firmware often sends for the same thing)
 * @param ipxeScript what a client announcing iPXE gets instead of a loader (a script, rendered per
 *                   client by the HTTP server); empty to treat iPXE like any other PXE ROM
 */
public record BootFiles(String bios, String efi32, String efi64, String ipxeScript) {
    public static BootFiles defaults() {
        return new BootFiles("undionly.kpxe", "ipxe32.efi", "ipxe.efi", "boot.ipxe");
    }
}
