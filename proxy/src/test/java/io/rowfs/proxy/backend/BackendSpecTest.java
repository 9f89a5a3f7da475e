package io.rowfs.proxy.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BackendSpecTest {
    @Test
    void parsesOneOrTwoPorts() {
        assertEquals(new BackendSpec("10.0.0.1", 2049, 2049, "/srv/img"), BackendSpec.parse("10.0.0.1:2049:/srv/img"));
        assertEquals(new BackendSpec("127.0.0.1", 2049, 20048, "/a:b"), BackendSpec.parse("127.0.0.1:2049/20048:/a:b"));
        assertEquals(new BackendSpec("::1", 3049, 3049, "/x"), BackendSpec.parse("[::1]:3049:/x"));
        assertEquals("h:1/2:/e", BackendSpec.parse("h:1/2:/e").toString());
    }

    @Test
    void refusesMalformedSpecs() {
        assertThrows(IllegalArgumentException.class, () -> BackendSpec.parse("host:/export"));
        assertThrows(IllegalArgumentException.class, () -> BackendSpec.parse("host:2049"));
        assertThrows(IllegalArgumentException.class, () -> BackendSpec.parse("host:x:/e"));
        assertThrows(IllegalArgumentException.class, () -> BackendSpec.parse("host:0:/e"));
        assertThrows(IllegalArgumentException.class, () -> BackendSpec.parse("host:70000:/e"));
    }
}
