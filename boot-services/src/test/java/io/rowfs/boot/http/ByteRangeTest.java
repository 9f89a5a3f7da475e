package io.rowfs.boot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void ranges() throws Exception {
        assertNull(ByteRange.parse(null, 100));
        assertEquals(new ByteRange(0, 0), ByteRange.parse("bytes=0-0", 100));
        assertEquals(new ByteRange(10, 99), ByteRange.parse("bytes=10-", 100));
        assertEquals(new ByteRange(10, 99), ByteRange.parse("bytes=10-1000", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=-10", 100));
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-1000", 100));
        assertEquals(new ByteRange(99, 99), ByteRange.parse("bytes=99-99", 100));
    }

    @Test
    void ignoredOrUnsatisfiable() {
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=100-", 100));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=-0", 100));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=0-", 0));
        assertDoesNotThrowNull("bytes=5-2");
        assertDoesNotThrowNull("bytes=0-1,5-6");
        assertDoesNotThrowNull("items=0-1");
        assertDoesNotThrowNull("bytes=x-y");
    }

    private static void assertDoesNotThrowNull(String header) {
        try {
            assertNull(ByteRange.parse(header, 100), header);
        } catch (ByteRange.Unsatisfiable e) {
            throw new AssertionError(header, e);
        }
    }
}
