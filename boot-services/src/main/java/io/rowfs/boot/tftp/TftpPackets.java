package io.rowfs.boot.tftp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * TFTP packet layouts (RFC 1350, 2347) and the encoders for what the server sends.
 *
 * <pre>
 *  RRQ/WRQ  | 01/02 | filename | 0 | mode | 0 | opt1 | 0 | value1 | 0 | ...
 *  DATA     | 03 | block (16 bit) | 0..blksize bytes
 *  ACK      | 04 | block (16 bit) |
 *  ERROR    | 05 | code (16 bit) | message | 0 |
 *  OACK     | 06 | opt1 | 0 | value1 | 0 | ...
 * </pre>
 * All integers are big-endian; block numbers wrap from 65535 to 0.
 */
final class TftpPackets {
    static final int RRQ = 1;
    static final int WRQ = 2;
    static final int DATA = 3;
    static final int ACK = 4;
    static final int ERROR = 5;
    static final int OACK = 6;

    /** RFC 1350 error codes. */
    static final int ERR_UNDEFINED = 0;
    static final int ERR_NOT_FOUND = 1;
    static final int ERR_ACCESS = 2;
    static final int ERR_ILLEGAL_OP = 4;
    static final int ERR_UNKNOWN_TID = 5;
    /** RFC 2347: option negotiation refused (UEFI's size probe sends it after reading tsize). */
    static final int ERR_OPTION = 8;

    private TftpPackets() {
    }

    static ByteBuf error(ByteBufAllocator alloc, int code, String message) {
        byte[] text = message.getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = alloc.buffer(5 + text.length);
        buf.writeShort(ERROR).writeShort(code).writeBytes(text).writeByte(0);
        return buf;
    }

    static ByteBuf oack(ByteBufAllocator alloc, Map<String, String> options) {
        ByteBuf buf = alloc.buffer(64);
        buf.writeShort(OACK);
        for (Map.Entry<String, String> e : options.entrySet()) {
            buf.writeCharSequence(e.getKey(), StandardCharsets.US_ASCII);
            buf.writeByte(0);
            buf.writeCharSequence(e.getValue(), StandardCharsets.US_ASCII);
            buf.writeByte(0);
        }
        return buf;
    }

    /** The wire block number of absolute block {@code block} (1-based, counting past 65535). */
    static int wireBlock(long block) {
        return (int) (block & 0xFFFF);
    }
}
