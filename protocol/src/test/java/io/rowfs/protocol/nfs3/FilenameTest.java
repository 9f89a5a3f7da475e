package io.rowfs.protocol.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FilenameTest {
    @Test
    void dotNamesAreExactlyDotAndDotDot() {
        assertTrue(Filename.DOT.isDot());
        assertTrue(Filename.DOTDOT.isDotDot());
        assertEquals(Filename.of("."), Filename.DOT);
        assertEquals(Filename.of(".."), Filename.DOTDOT);
        for (String s : new String[] {".", ".."}) {
            assertTrue(Filename.of(s).isDotOrDotDot(), s);
            assertTrue(Filename.isDotOrDotDot(s), s);
        }
        for (String s : new String[] {"", "...", ".a", "a.", "a", "./", "..."}) {
            assertFalse(Filename.of(s).isDotOrDotDot(), s);
            assertFalse(Filename.isDotOrDotDot(s), s);
        }
        assertFalse(Filename.of(".").isDotDot());
        assertFalse(Filename.of("..").isDot());
        assertTrue(Filename.isDot("."));
        assertFalse(Filename.isDot(".."));
        assertTrue(Filename.isDotDot(".."));
        assertFalse(Filename.isDotDot("."));
    }
}
