package io.rowfs.boot.tftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes a transfer sends. Octet transfers map the file read-only (no read system calls on the
 * event loop; the page cache serves the pages); netascii transfers convert a small file in memory
 * (LF to CR LF, CR to CR NUL, RFC 764). Files of 2 GiB or more are refused.
 */
final class FileContent {
    /** Largest file converted to netascii in memory. */
    static final long MAX_NETASCII = 16L << 20;

    private FileContent() {
    }

    static ByteBuffer open(Path file, boolean netascii) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size >= Integer.MAX_VALUE) {
                throw new IOException("file of " + size + " bytes is too large (limit 2 GiB)");
            }
            if (!netascii) {
                return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
            if (size > MAX_NETASCII) {
                throw new IOException("file of " + size + " bytes is too large for netascii (limit "
                        + MAX_NETASCII + ")");
            }
            ByteBuffer raw = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return ByteBuffer.wrap(toNetascii(raw));
        }
    }

    static byte[] toNetascii(ByteBuffer raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.remaining() + raw.remaining() / 16);
        while (raw.hasRemaining()) {
            byte b = raw.get();
            if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else if (b == '\r') {
                out.write('\r');
                out.write(0);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
