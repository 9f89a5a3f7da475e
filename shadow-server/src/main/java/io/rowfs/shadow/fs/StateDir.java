package io.rowfs.shadow.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The server's persistent state: by default the hidden directory {@value #DEFAULT_NAME} at the
 * export root (hidden from READDIR, refused by LOOKUP and by every name-taking procedure). It holds
 *
 * <pre>
 *  handle.key     32 random bytes, mode 0600: the HMAC key of {@link HandleCodec}
 *  fsid           8 bytes (u64 BE): the constant fsid reported for the export
 *  inodes.log     the {@link InodeTable} log
 *  recycled/      inodes of removed files kept for new ones ({@link InodePool})
 * </pre>
 */
public final class StateDir {
    public static final String DEFAULT_NAME = ".rowfs-shadow";

    private final Path dir;
    private final byte[] key;
    private final long fsid;

    private StateDir(Path dir, byte[] key, long fsid) {
        this.dir = dir;
        this.key = key;
        this.fsid = fsid;
    }

    /** Opens {@code dir}, creating it and its key and fsid on first use. */
    public static StateDir open(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] key = readOrCreate(dir.resolve("handle.key"), 32);
        byte[] fsidBytes = readOrCreate(dir.resolve("fsid"), 8);
        long fsid = ByteBuffer.wrap(fsidBytes).getLong() & Long.MAX_VALUE;
        return new StateDir(dir, key, fsid == 0 ? 1 : fsid);
    }

    private static byte[] readOrCreate(Path file, int length) throws IOException {
        if (Files.exists(file)) {
            byte[] b = Files.readAllBytes(file);
            if (b.length != length) {
                throw new IOException(file + " holds " + b.length + " bytes, expected " + length);
            }
            return b;
        }
        byte[] b = new byte[length];
        new SecureRandom().nextBytes(b);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, b);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return b;
    }

    public Path dir() {
        return dir;
    }

    public byte[] key() {
        return key.clone();
    }

    public long fsid() {
        return fsid;
    }

    public Path inodeLog() {
        return dir.resolve("inodes.log");
    }
}
