package io.rowfs.boot.ftp;

import io.rowfs.boot.files.BootRoot;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.User;

/**
 * FtpServer's view of the boot root, in place of its native file system (which confines names by
 * string prefix and follows symbolic links out of the home directory). FTP's own navigation is done
 * on virtual paths: a name is taken relative to the working directory unless it starts with
 * {@code /}, and {@code .} and {@code ..} are applied lexically, {@code ..} stopping at {@code /}
 * as in a chroot. The resulting {@code ..}-free virtual path is then resolved by {@link BootRoot},
 * the same rule TFTP and HTTP use, so anything that ends outside the root, through a symbolic link
 * or otherwise, does not exist for FTP clients. One view per session, used by its session's thread.
 */
final class BootRootFileSystem implements FileSystemFactory {
    private final BootRoot root;

    BootRootFileSystem(BootRoot root) {
        this.root = root;
    }

    @Override
    public FileSystemView createFileSystemView(User user) {
        return new View(root);
    }

    /** The virtual absolute path ("/", "/a/b") that {@code name} names from directory {@code cwd}. */
    static String virtualPath(String cwd, String name) {
        String path = name == null || name.isEmpty() ? cwd : name.startsWith("/") ? name : cwd + "/" + name;
        Deque<String> segments = new ArrayDeque<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(s);
            }
        }
        return "/" + String.join("/", segments);
    }

    private static final class View implements FileSystemView {
        private final BootRoot root;
        private String cwd = "/";

        View(BootRoot root) {
            this.root = root;
        }

        @Override
        public FtpFile getHomeDirectory() {
            return new BootRootFile(root, "/");
        }

        @Override
        public FtpFile getWorkingDirectory() {
            return new BootRootFile(root, cwd);
        }

        @Override
        public boolean changeWorkingDirectory(String dir) {
            BootRootFile target = new BootRootFile(root, virtualPath(cwd, dir));
            if (!target.isDirectory()) {
                return false;
            }
            cwd = target.getAbsolutePath();
            return true;
        }

        @Override
        public FtpFile getFile(String file) {
            return new BootRootFile(root, virtualPath(cwd, file));
        }

        @Override
        public boolean isRandomAccessible() {
            return true;
        }

        @Override
        public void dispose() {
        }
    }
}
