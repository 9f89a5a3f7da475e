package io.rowfs.boot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptTemplateTest {
    @Test
    void replacesKnownVariablesOnly() {
        String t = "#!ipxe\nkernel {{http}}/vmlinuz mac={{mac}} {{ unknown }} ${net0/mac} {{ip}}\n{{arch";
        assertEquals("#!ipxe\nkernel http://s:80/vmlinuz mac=aa {{ unknown }} ${net0/mac} 1.2.3.4\n{{arch",
                ScriptTemplate.render(t, Map.of("http", "http://s:80", "mac", "aa", "ip", "1.2.3.4")));
    }

    @Test
    void refusesValuesThatWouldChangeTheScript() {
        for (String bad : new String[] {"aa\nshell", "aa\r", "a b", "${net0/mac}", "a;b", "a\u0000", "a#b", "a\\b"}) {
            assertThrows(IllegalArgumentException.class, () -> ScriptTemplate.render("x {{mac}}", Map.of("mac", bad)),
                    io.rowfs.boot.files.BootRoot.printable(bad));
        }
        assertEquals("x http://[fe80::1%eth0]:80/a_b-c.d", ScriptTemplate.render("x {{http}}",
                Map.of("http", "http://[fe80::1%eth0]:80/a_b-c.d")));
    }
}
