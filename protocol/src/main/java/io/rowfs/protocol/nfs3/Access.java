package io.rowfs.protocol.nfs3;

/** ACCESS3 permission bits (RFC 1813 section 3.3.4), OR-ed together in a uint32. */
public final class Access {
    public static final int READ = 0x0001;
    public static final int LOOKUP = 0x0002;
    public static final int MODIFY = 0x0004;
    public static final int EXTEND = 0x0008;
    public static final int DELETE = 0x0010;
    public static final int EXECUTE = 0x0020;
    public static final int ALL = READ | LOOKUP | MODIFY | EXTEND | DELETE | EXECUTE;

    private Access() {}
}
