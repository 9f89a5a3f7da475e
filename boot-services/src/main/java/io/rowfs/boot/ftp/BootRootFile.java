package io.rowfs.boot.ftp;

import io.rowfs.boot.files.BadNameException;
import io.rowfs.boot.files.BootRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.ftpserver.ftplet.FtpFile;

/**
 * One virtual path of the FTP view, resolved once through {@link BootRoot}: it exists only if it
 * names a regular file or directory inside the root. Read-only: every change is refused. Listings
 * leave out entries that do not exist in this sense (symbolic links out of the root, broken links).
 */
final class BootRootFile implements FtpFile {
    private final BootRoot root;
    private final String virtualPath;
    /** The canonical path inside the root, or null if the name does not resolve to one. */
    private final Path real;

    BootRootFile(BootRoot root, String virtualPath) {
        this.root = root;
        this.virtualPath = virtualPath;
        Path p;
        try {
            p = root.resolveEntry(virtualPath);
        } catch (BadNameException | IOException e) {
            p = null;
        }
        this.real = p;
    }

    @Override
    public String getAbsolutePath() {
        return virtualPath;
    }

    @Override
    public String getName() {
        return virtualPath.equals("/") ? "/" : virtualPath.substring(virtualPath.lastIndexOf('/') + 1);
    }

    @Override
    public boolean isHidden() {
        return false;
    }

    @Override
    public boolean isDirectory() {
        return real != null && Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isFile() {
        return real != null && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean doesExist() {
        return real != null;
    }

    @Override
    public boolean isReadable() {
        return real != null && Files.isReadable(real);
    }

    @Override
    public boolean isWritable() {
        return false;
    }

    @Override
    public boolean isRemovable() {
        return false;
    }

    @Override
    public String getOwnerName() {
        return "ftp";
    }

    @Override
    public String getGroupName() {
        return "ftp";
    }

    @Override
    public int getLinkCount() {
        return isDirectory() ? 2 : 1;
    }

    @Override
    public long getLastModified() {
        try {
            return real == null ? 0 : Files.getLastModifiedTime(real).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public boolean setLastModified(long time) {
        return false;
    }

    @Override
    public long getSize() {
        try {
            return isFile() ? Files.size(real) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public Object getPhysicalFile() {
        return real == null ? null : real.toFile();
    }

    @Override
    public boolean mkdir() {
        return false;
    }

    @Override
    public boolean delete() {
        return false;
    }

    @Override
    public boolean move(FtpFile destination) {
        return false;
    }

    @Override
    public List<? extends FtpFile> listFiles() {
        if (!isDirectory()) {
            return null;
        }
        List<BootRootFile> files = new ArrayList<>();
        try (Stream<Path> children = Files.list(real)) {
            for (Path child : (Iterable<Path>) children.sorted()::iterator) {
                String name = child.getFileName().toString();
                BootRootFile f = new BootRootFile(root, virtualPath.equals("/") ? "/" + name : virtualPath + "/" + name);
                if (f.doesExist()) {
                    files.add(f);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return files;
    }

    @Override
    public OutputStream createOutputStream(long offset) throws IOException {
        throw new IOException("read-only: " + virtualPath);
    }

    @Override
    public InputStream createInputStream(long offset) throws IOException {
        if (!isFile()) {
            throw new NoSuchFileException(virtualPath);
        }
        FileChannel ch = FileChannel.open(real, StandardOpenOption.READ);
        ch.position(offset);
        return Channels.newInputStream(ch);
    }
}
