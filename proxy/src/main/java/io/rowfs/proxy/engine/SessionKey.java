package io.rowfs.proxy.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * The handle MAC key of one state directory ({@code handle.key}, 32 random bytes, written once by
 * write-to-temporary and rename). Handles survive restarts because the key does; handles made with
 * another state directory's key fail the MAC (NFS3ERR_BADHANDLE).
 */
final class SessionKey {
    static final int LENGTH = 32;

    private SessionKey() {
    }

    static byte[] loadOrCreate(Path stateDir) throws IOException {
        Path file = stateDir.resolve("handle.key");
        if (Files.exists(file)) {
            byte[] key = Files.readAllBytes(file);
            if (key.length != LENGTH) {
                throw new IOException(file + " holds " + key.length + " bytes, expected " + LENGTH);
            }
            return key;
        }
        byte[] key = new byte[LENGTH];
        new SecureRandom().nextBytes(key);
        Path tmp = stateDir.resolve("handle.key.tmp");
        Files.write(tmp, key);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }
}
