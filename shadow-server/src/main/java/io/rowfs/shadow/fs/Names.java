package io.rowfs.shadow.fs;

import io.rowfs.protocol.nfs3.Filename;
import java.nio.charset.StandardCharsets;

/**
 * Checks of single path components received from clients, so that no name can leave the export.
 * A valid component is 1 to {@link #MAX_NAME_BYTES} bytes of UTF-8 with no '/' and no NUL, and is
 * neither "." nor ".." (those are handled by LOOKUP itself), nor the reserved state directory name
 * at the export root.
 */
public final class Names {
    /** NAME_MAX of Linux filesystems; RFC 1813 leaves the limit to the server (FSINFO/PATHCONF). */
    public static final int MAX_NAME_BYTES = 255;

    private Names() {
    }

    /**
     * Returns {@code name} if it may be created or looked up as an entry of a directory.
     *
     * @throws FsException INVALID_NAME for empty, ".", "..", or names containing '/' or NUL;
     *     NAME_TOO_LONG over {@link #MAX_NAME_BYTES} UTF-8 bytes
     */
    public static String checkComponent(String name) throws FsException {
        if (name == null || name.isEmpty()) {
            throw new FsException(FsError.INVALID_NAME, "empty name");
        }
        if (Filename.isDotOrDotDot(name)) {
            throw new FsException(FsError.INVALID_NAME, "name '" + name + "' is not allowed here");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == 0) {
                throw new FsException(FsError.INVALID_NAME,
                        "name contains " + (c == 0 ? "NUL" : "'/'") + " at index " + i);
            }
        }
        if (utf8Length(name) > MAX_NAME_BYTES) {
            throw new FsException(FsError.NAME_TOO_LONG,
                    "name of " + utf8Length(name) + " bytes exceeds " + MAX_NAME_BYTES);
        }
        return name;
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
