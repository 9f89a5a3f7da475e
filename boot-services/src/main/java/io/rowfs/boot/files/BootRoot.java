package io.rowfs.boot.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The directory the boot services serve, and the one place where a name a client sent is turned
 * into a path: TFTP, HTTP and FTP all resolve through it, so one containment rule holds for all three.
 *
 * <p>A requested name is cleaned ({@code \} becomes {@code /}, trailing 0xFF/space/NUL junk that
 * some ROMs append is dropped, leading slashes are dropped so absolute names are taken relative to
 * the root, as tftpd-hpa {@code -s} does), refused if it holds a NUL or a {@code ..} segment, then
 * resolved and canonicalised with {@link Path#toRealPath} (following symbolic links, in every
 * segment) and accepted only if the canonical path lies inside the canonical root, compared by path
 * components, never by string prefix. So a symbolic link that points inside the root works and one
 * that points outside (a file link, or a directory link anywhere along the name) is refused.
 * {@link #resolve} serves regular files only; {@link #resolveEntry} also directories (FTP).
 */
public final class BootRoot {
    private final Path root;

    public BootRoot(Path dir) throws IOException {
        this.root = dir.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new IOException("boot root " + dir + " is not a directory");
        }
    }

    public Path path() {
        return root;
    }

    /**
     * Returns the canonical regular file inside the root that {@code requested} names.
     *
     * @throws BadNameException if the name could escape the root or is malformed
     * @throws NoSuchFileException if no such regular file exists inside the root
     */
    public Path resolve(String requested) throws BadNameException, IOException {
        String clean = clean(requested);
        if (clean.isEmpty()) {
            throw new BadNameException("empty name");
        }
        Path real = contained(clean, requested);
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(clean);
        }
        return real;
    }

    /**
     * Returns the canonical regular file or directory inside the root that {@code requested} names;
     * an empty name (or only slashes) names the root itself.
     *
     * @throws BadNameException if the name could escape the root or is malformed
     * @throws NoSuchFileException if nothing of that name exists inside the root, or it is neither
     *                             a regular file nor a directory
     */
    public Path resolveEntry(String requested) throws BadNameException, IOException {
        String clean = clean(requested);
        if (clean.isEmpty()) {
            return root;
        }
        Path real = contained(clean, requested);
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(clean);
        }
        return real;
    }

    /** The canonical path of the cleaned name {@code clean}, if it exists and lies inside the root. */
    private Path contained(String clean, String requested) throws BadNameException, IOException {
        Path candidate = root.resolve(clean).normalize();
        if (!candidate.startsWith(root)) {
            throw new BadNameException("name escapes the root: " + printable(requested));
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(clean);
        }
        if (!real.startsWith(root)) {
            throw new BadNameException("name resolves outside the root: " + printable(requested));
        }
        return real;
    }

    /** The cleaned relative name for {@code requested}, "" for the root; package-private for tests. */
    static String clean(String requested) throws BadNameException {
        if (requested == null) {
            throw new BadNameException("no name");
        }
        String s = requested.replace('\\', '/');
        int end = s.length();
        while (end > 0) {
            char c = s.charAt(end - 1);
            if (c == '\u00ff' || c == ' ' || c == '\0' || c == '\r' || c == '\n') {
                end--;
            } else {
                break;
            }
        }
        s = s.substring(0, end);
        if (s.indexOf('\0') >= 0) {
            throw new BadNameException("name holds a NUL byte: " + printable(requested));
        }
        int start = 0;
        while (start < s.length() && s.charAt(start) == '/') {
            start++;
        }
        s = s.substring(start);
        for (String segment : s.split("/")) {
            if (segment.equals("..")) {
                throw new BadNameException("name has a '..' segment: " + printable(requested));
            }
        }
        return s;
    }

    /** The name with control and non-ASCII characters escaped, safe for a log line. */
    public static String printable(String s) {
        if (s == null) {
            return "(null)";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200) + 8);
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                b.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                b.append(c);
            }
        }
        if (s.length() > 200) {
            b.append("...");
        }
        return b.toString();
    }
}
