package io.rowfs.boot.dhcp;

/**
 * Chooses the boot file for a client (RFC 4578 option 93), and gives iPXE a script instead of a
 * loader so that iPXE does not load itself again in a loop.
 */
final class BootFileChooser {
    /** The answer: a name (TFTP) or URL (HTTP), and the vendor class to put in option 60. */
    record Choice(String file, String vendorClass) {
    }

    private final BootFiles files;
    private final String httpBase;

    /** @param httpBase e.g. {@code http://10.0.0.1:8080/}, or null when no HTTP server runs */
    BootFileChooser(BootFiles files, String httpBase) {
        this.files = files;
        this.httpBase = httpBase;
    }

    Choice choose(ClientInfo client) {
        if (client.ipxe() && !files.ipxeScript().isEmpty()) {
            String script = httpBase != null ? httpBase + files.ipxeScript() : files.ipxeScript();
            return new Choice(script, "PXEClient");
        }
        if (client.httpBoot() && httpBase != null) {
            return new Choice(httpBase + files.efi64(), "HTTPClient");
        }
        String file = switch (client.arch()) {
            case ClientInfo.ARCH_EFI32 -> files.efi32();
            case ClientInfo.ARCH_EFI64, ClientInfo.ARCH_EFI_BC, ClientInfo.ARCH_EFI64_HTTP -> files.efi64();
            default -> files.bios();
        };
        return new Choice(file, "PXEClient");
    }
}
