package io.rowfs.boot.http;

import java.util.Map;
import java.util.regex.Pattern;

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
 * Query parameters {@code ?mac=..&arch=..} override the DHCP-learnt values; the HTTP handler
 * checks them first (a MAC in its canonical form, an architecture of {@code [A-Za-z0-9_-]{1,32}}).
 *
 * <p>Whatever the source, a value is substituted only if every character is one of
 * {@code A-Z a-z 0-9 . _ - : / [ ] %}: enough for MACs, addresses and URLs, and nothing iPXE reads
 * as syntax (no line break or other control character that would start a new command, no space
 * that would add an argument, no {@code $ { }} that would expand a setting, no {@code # ; \ "}).
 */
final class ScriptTemplate {
    static final String SUFFIX = ".ipxe";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:/\\[\\]%-]*");

    private ScriptTemplate() {
    }

    /**
     * Renders {@code template} with {@code vars}.
     *
     * @throws IllegalArgumentException if a value that would be substituted is not safe (see above)
     */
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
                if (!SAFE.matcher(value).matches()) {
                    throw new IllegalArgumentException("value of {{" + name + "}} is not safe in a script: "
                            + io.rowfs.boot.files.BootRoot.printable(value));
                }
                out.append(value);
            } else {
                out.append(template, open, close + 2);
            }
            i = close + 2;
        }
        return out.append(template.substring(i)).toString();
    }
}
