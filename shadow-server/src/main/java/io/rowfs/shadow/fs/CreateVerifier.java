package io.rowfs.shadow.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Stores the createverf3 of an EXCLUSIVE CREATE (RFC 1813 3.3.8) in the file's times, as Linux knfsd
 * does: mtime seconds = verifier bytes 0..3, atime seconds = bytes 4..7 (both unsigned, nanoseconds
 * zero). A retransmitted CREATE finds the same times and succeeds; the client then sets the real
 * attributes with SETATTR, which overwrites the verifier.
 */
public final class CreateVerifier {
    private CreateVerifier() {
    }

    public static void store(Path file, byte[] verifier) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(verifier);
        long m = Integer.toUnsignedLong(b.getInt(0));
        long a = Integer.toUnsignedLong(b.getInt(4));
        Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(m, TimeUnit.SECONDS), FileTime.from(a, TimeUnit.SECONDS), null);
    }

    public static boolean matches(FileAttrs attrs, byte[] verifier) {
        ByteBuffer b = ByteBuffer.wrap(verifier);
        return attrs.mtimeSec() == Integer.toUnsignedLong(b.getInt(0)) && attrs.mtimeNsec() == 0
                && attrs.atimeSec() == Integer.toUnsignedLong(b.getInt(4)) && attrs.atimeNsec() == 0;
    }
}
