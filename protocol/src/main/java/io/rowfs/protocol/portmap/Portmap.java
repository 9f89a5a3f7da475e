package io.rowfs.protocol.portmap;

/** Portmapper v2 numbers (RFC 1833 section 3). */
public final class Portmap {
    public static final int PROGRAM = 100000;
    public static final int VERSION = 2;
    /** The well-known port (RFC 1833 section 3). */
    public static final int PORT = 111;

    public static final int PROC_NULL = 0;
    public static final int PROC_SET = 1;
    public static final int PROC_UNSET = 2;
    public static final int PROC_GETPORT = 3;
    public static final int PROC_DUMP = 4;
    public static final int PROC_CALLIT = 5;

    /** {@code IPPROTO_TCP}, the {@code prot} of a TCP mapping. */
    public static final int IPPROTO_TCP = 6;
    /** {@code IPPROTO_UDP}, the {@code prot} of a UDP mapping. */
    public static final int IPPROTO_UDP = 17;

    private Portmap() {
    }
}
