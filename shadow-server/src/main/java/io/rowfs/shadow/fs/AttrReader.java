package io.rowfs.shadow.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * Reads {@link FileAttrs} with one lstat through the JDK's "unix" attribute view. Only numeric
 * attributes are requested: "unix:*" would also resolve owner and group names on every call.
 */
public final class AttrReader {
    private static final String ATTRS =
            "unix:mode,ino,nlink,uid,gid,rdev,size,lastAccessTime,lastModifiedTime,ctime";

    private AttrReader() {
    }

    /** Attributes of {@code path} itself (symbolic links are not followed). */
    public static FileAttrs read(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRS, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        long size = (Long) a.get("size");
        long rdev = (Long) a.get("rdev");
        Instant at = ((FileTime) a.get("lastAccessTime")).toInstant();
        Instant mt = ((FileTime) a.get("lastModifiedTime")).toInstant();
        Instant ct = ((FileTime) a.get("ctime")).toInstant();
        return new FileAttrs(FileType.fromMode(mode), mode & 07777, (Integer) a.get("nlink"),
                (Integer) a.get("uid"), (Integer) a.get("gid"), size, roundUp(size),
                major(rdev), minor(rdev), (Long) a.get("ino"),
                at.getEpochSecond(), at.getNano(), mt.getEpochSecond(), mt.getNano(),
                ct.getEpochSecond(), ct.getNano());
    }

    /** Inode number of {@code path} itself, for resolver checks. */
    public static long inode(Path path) throws IOException {
        return (Long) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    /** glibc's gnu_dev_major. */
    static int major(long dev) {
        return (int) (((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0x00000fffL));
    }

    /** glibc's gnu_dev_minor. */
    static int minor(long dev) {
        return (int) (((dev >>> 12) & 0xffffff00L) | (dev & 0x000000ffL));
    }

    static long roundUp(long size) {
        return (size + 4095) & ~4095L;
    }
}
