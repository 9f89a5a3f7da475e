package io.rowfs.shadow.fs;

/**
 * The attributes of one local object, neutral of any wire format (the NFS layer turns them into
 * fattr3). Times are seconds and nanoseconds since the epoch.
 *
 * @param type object type
 * @param mode permission bits including setuid/setgid/sticky (mode & 07777)
 * @param used bytes of disk estimated from size (the JDK exposes no st_blocks)
 * @param rdevMajor major number of a device, else 0
 * @param rdevMinor minor number of a device, else 0
 * @param fileid the inode number
 */
public record FileAttrs(FileType type, int mode, int nlink, int uid, int gid, long size, long used,
        int rdevMajor, int rdevMinor, long fileid,
        long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec, long ctimeSec, int ctimeNsec) {

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public boolean isRegular() {
        return type == FileType.REGULAR;
    }
}
