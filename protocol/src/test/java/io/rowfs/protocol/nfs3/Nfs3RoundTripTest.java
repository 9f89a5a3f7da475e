package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowfs.protocol.nfs3.Nfs3MessageCases.Case;
import io.rowfs.protocol.xdr.XdrException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Nfs3RoundTripTest {
    static List<Case> cases() {
        return Nfs3MessageCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodeDecodeEncodeGivesTheSameMessageAndBytes(Case c) {
        Object original = c.make().get();
        Object decoded = null;
        try {
            byte[] wire = Codec.bytes(c.writer(original));
            assertEquals(0, wire.length % 4, "XDR output is a multiple of 4 bytes");
            decoded = Codec.decode(wire, c.decoder());
            assertEquals(original, decoded);
            assertArrayEquals(wire, Codec.bytes(c.writer(decoded)));
        } finally {
            Case.release(original);
            if (decoded != null) {
                Case.release(decoded);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyTruncationIsAnXdrExceptionSayingTruncated(Case c) {
        Object original = c.make().get();
        byte[] wire;
        try {
            wire = Codec.bytes(c.writer(original));
        } finally {
            Case.release(original);
        }
        for (int len = 0; len < wire.length; len++) {
            byte[] prefix = java.util.Arrays.copyOf(wire, len);
            XdrException e = assertThrows(XdrException.class, () -> Codec.decode(prefix, c.decoder()),
                    "decoding " + len + " of " + wire.length + " bytes");
            assertTrue(e.getMessage().startsWith("truncated"), e.getMessage());
        }
    }

    @Test
    void everyProcedureHasArgsAndResultCasesInBothForms() {
        Set<String> names = new HashSet<>();
        for (Case c : cases()) {
            names.add(c.name().substring(0, c.name().indexOf(' ')) + (c.name().contains(" args")
                    ? " args" : c.name().contains(" result ok") ? " ok" : " fail"));
        }
        for (int n = 1; n <= 21; n++) {
            String p = Nfs3Procedure.byNumber(n).name();
            assertTrue(names.contains(p + " args"), p + " args");
            assertTrue(names.contains(p + " ok"), p + " ok");
            assertTrue(names.contains(p + " fail"), p + " fail");
        }
    }
}
