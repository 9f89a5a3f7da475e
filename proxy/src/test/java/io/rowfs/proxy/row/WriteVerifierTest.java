package io.rowfs.proxy.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.rowfs.protocol.nfs3.Verifier;
import org.junit.jupiter.api.Test;

class WriteVerifierTest {
    @Test
    void changesWithRestartAndWithTheShadowsVerifier() {
        WriteVerifier a = new WriteVerifier(1);
        a.observeShadow(new Verifier(77));
        Verifier first = a.current();
        a.observeShadow(new Verifier(77));
        assertEquals(first, a.current(), "same shadow verifier, same proxy verifier");
        a.observeShadow(new Verifier(78));
        assertNotEquals(first, a.current(), "shadow restarted");
        WriteVerifier restarted = new WriteVerifier(2);
        restarted.observeShadow(new Verifier(77));
        assertNotEquals(first, restarted.current(), "proxy restarted");
    }
}
