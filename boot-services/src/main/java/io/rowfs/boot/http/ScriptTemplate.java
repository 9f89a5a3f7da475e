package io.rowfs.boot.http;

import java.util.Map;

/**
 * Per-client rendering of iPXE scripts. Every file whose name ends in {@code .ipxe} is a template:
 * each {@code {{name}}} whose name is a known variable is replaced by its value; anything else
 * (including iPXE's own {@code ${...}} variables) is left as it is.
 *
 * <pre>
 *  {{mac}}     the client's MAC, aa:bb:cc:dd:ee:ff (from its DHCP lease; "" if unknown)
 *  {{ip}}      the client's address as seen by the HTTP server
 *  {{arch}}    bios, efi32, efi64, efi64-http (from DHCP option 93; "" if unknown)
 *  {{server}}  the server address the client connected to
 *  {{http}}    the HTTP base URL, http://server:port
 * </pre>
 * Query parameters {@code ?mac=..&arch=..} override the DHCP-learnt values.
 */
final class ScriptTemplate {
    static final String SUFFIX = ".ipxe";

    private ScriptTemplate() {
    }

    static String render(String template, Map<String, String> vars) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (true) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                break;
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                break;
            }
            String name = template.substring(open + 2, close).trim();
            String value = vars.get(name);
            out.append(template, i, open);
            if (value != null) {
                out.append(value);
            } else {
                out.append(template, open, close + 2);
            }
            i = close + 2;
        }
        return out.append(template.substring(i)).toString();
    }
}
