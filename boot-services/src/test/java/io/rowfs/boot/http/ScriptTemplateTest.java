package io.rowfs.boot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptTemplateTest {
    @Test
    void replacesKnownVariablesOnly() {
        String t = "#!ipxe\nkernel {{http}}/vmlinuz mac={{mac}} {{ unknown }} ${net0/mac} {{ip}}\n{{arch";
        assertEquals("#!ipxe\nkernel http://s:80/vmlinuz mac=aa {{ unknown }} ${net0/mac} 1.2.3.4\n{{arch",
                ScriptTemplate.render(t, Map.of("http", "http://s:80", "mac", "aa", "ip", "1.2.3.4")));
    }
}
