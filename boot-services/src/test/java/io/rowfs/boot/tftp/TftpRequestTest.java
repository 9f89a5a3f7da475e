package io.rowfs.boot.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TftpRequestTest {
    static ByteBuf request(int opcode, String... fields) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(opcode);
        for (String f : fields) {
            b.writeBytes(f.getBytes(StandardCharsets.ISO_8859_1)).writeByte(0);
        }
        return b;
    }

    private static TftpRequest parse(ByteBuf b) {
        try {
            return TftpRequest.parse(b);
        } finally {
            b.release();
        }
    }

    @Test
    void parsesRequestWithOptions() {
        TftpRequest r = parse(request(1, "pxelinux.0", "OCTET", "TSIZE", "0", "blksize", "1408"));
        assertEquals("pxelinux.0", r.filename());
        assertEquals("octet", r.mode());
        assertEquals(Map.of("tsize", "0", "blksize", "1408"), r.options());
    }

    @Test
    void keepsOddBytesInNames() {
        assertEquals("a\u00ff", parse(request(1, "a\u00ff", "octet")).filename());
    }

    @Test
    void toleratesTrailingJunkAfterTheMode() {
        ByteBuf b = request(1, "f", "octet");
        b.writeBytes(new byte[] {'x', 'y'});
        assertEquals("f", parse(b).filename());
    }

    @Test
    void rejectsTruncatedAndGarbage() {
        assertThrows(IllegalArgumentException.class, () -> parse(Unpooled.wrappedBuffer(new byte[] {0, 1})));
        assertThrows(IllegalArgumentException.class, () -> parse(Unpooled.wrappedBuffer(new byte[] {0, 1, 'a', 'b'})));
        assertThrows(IllegalArgumentException.class, () -> parse(request(1, "file")));
        assertThrows(IllegalArgumentException.class, () -> parse(request(1, "", "octet")));
        assertThrows(IllegalArgumentException.class, () -> parse(request(3, "file", "octet")));
        assertThrows(IllegalArgumentException.class, () -> parse(Unpooled.wrappedBuffer(new byte[2000])));
    }
}
