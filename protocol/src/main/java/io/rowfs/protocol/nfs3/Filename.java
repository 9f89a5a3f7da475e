package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import java.nio.charset.StandardCharsets;

/**
 * filename3: one path component as raw bytes (NFS names are byte strings, usually but not always
 * UTF-8), 0 to {@link Nfs3#NAME_MAX} (255) bytes. Immutable. Decoding a longer name throws
 * {@link NfsException} with {@link Nfs3Status#NAMETOOLONG}. No other check is made here: whether
 * "", ".", ".." or a name holding '/' is acceptable is the server's decision; {@link #isDotOrDotDot}
 * (and its forms for names held as strings) is the one test for "." and ".." every server uses.
 */
public final class Filename extends OpaqueBytes {
    /** ".": the directory itself. */
    public static final Filename DOT = new Filename(new byte[] {'.'});
    /** "..": the directory's parent. */
    public static final Filename DOTDOT = new Filename(new byte[] {'.', '.'});

    private Filename(byte[] bytes) {
        super(bytes);
    }

    public static Filename of(byte[] bytes) {
        if (bytes.length > Nfs3.NAME_MAX) {
            throw new IllegalArgumentException(
                    "file name of " + bytes.length + " bytes exceeds " + Nfs3.NAME_MAX);
        }
        return new Filename(bytes.clone());
    }

    /** The UTF-8 bytes of {@code name}. */
    public static Filename of(String name) {
        return of(name.getBytes(StandardCharsets.UTF_8));
    }

    public static Filename decode(XdrDecoder in) {
        return new Filename(Bounded.read(in, "filename3", Nfs3.NAME_MAX, Nfs3Status.NAMETOOLONG));
    }

    /** Whether this is ".". */
    public boolean isDot() {
        byte[] b = raw();
        return b.length == 1 && b[0] == '.';
    }

    /** Whether this is "..". */
    public boolean isDotDot() {
        byte[] b = raw();
        return b.length == 2 && b[0] == '.' && b[1] == '.';
    }

    /** Whether this is "." or "..": names every directory has, that no client may create or move. */
    public boolean isDotOrDotDot() {
        return isDot() || isDotDot();
    }

    /** Whether {@code name} is "." (for names held as strings). */
    public static boolean isDot(String name) {
        return name.equals(".");
    }

    /** Whether {@code name} is ".." (for names held as strings). */
    public static boolean isDotDot(String name) {
        return name.equals("..");
    }

    /** Whether {@code name} is "." or ".." (for names held as strings). */
    public static boolean isDotOrDotDot(String name) {
        return isDot(name) || isDotDot(name);
    }

    /** The name decoded as UTF-8 (invalid sequences become U+FFFD). */
    @Override
    public String toString() {
        return new String(raw(), StandardCharsets.UTF_8);
    }
}
