package io.rowfs.shadow.fs;

/**
 * Attributes to change, neutral of the wire format (the NFS layer builds it from sattr3). A null
 * field is left unchanged.
 *
 * @param mode permission bits (07777)
 * @param atime new access time; null leaves it, {@link TimeSet#SERVER} uses the server clock
 * @param mtime new modification time, likewise
 */
public record SetAttrs(Integer mode, Integer uid, Integer gid, Long size, TimeSet atime, TimeSet mtime) {
    public static final SetAttrs NONE = new SetAttrs(null, null, null, null, null, null);

    /** A time to set: the server's current time, or a client-supplied one. */
    public record TimeSet(boolean server, long seconds, int nanos) {
        public static final TimeSet SERVER = new TimeSet(true, 0, 0);

        public static TimeSet client(long seconds, int nanos) {
            return new TimeSet(false, seconds, nanos);
        }
    }

    public boolean isEmpty() {
        return mode == null && uid == null && gid == null && size == null && atime == null && mtime == null;
    }
}
