package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.shadow.fs.FsException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where I/O failures become NFS3 statuses. Client mistakes and ordinary outcomes
 * (NOENT, EXIST, STALE...) are silent; unexpected host errors (NFS3ERR_IO) are logged at warn.
 */
public final class Statuses {
    private static final Logger LOG = LoggerFactory.getLogger(Statuses.class);

    private Statuses() {
    }

    /** The NfsException for {@code e}. */
    public static NfsException nfs(IOException e) {
        return new NfsException(status(e), String.valueOf(e.getMessage()));
    }

    public static Nfs3Status status(IOException e) {
        if (e instanceof FsException f) {
            return switch (f.error()) {
                case BAD_HANDLE -> Nfs3Status.BADHANDLE;
                case STALE -> Nfs3Status.STALE;
                case INVALID_NAME, INVALID -> Nfs3Status.INVAL;
                case NAME_TOO_LONG -> Nfs3Status.NAMETOOLONG;
                case ACCESS -> Nfs3Status.ACCES;
                case NOT_DIR -> Nfs3Status.NOTDIR;
                case IS_DIR -> Nfs3Status.ISDIR;
                case READ_ONLY -> Nfs3Status.ROFS;
                case NOT_SUPPORTED -> Nfs3Status.NOTSUPP;
                case SERVER_FAULT -> Nfs3Status.SERVERFAULT;
                case EXISTS -> Nfs3Status.EXIST;
                case TOO_BIG -> Nfs3Status.FBIG;
                case BAD_TYPE -> Nfs3Status.BADTYPE;
            };
        }
        if (e instanceof NoSuchFileException) {
            return Nfs3Status.NOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Nfs3Status.EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Nfs3Status.NOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return Nfs3Status.NOTDIR;
        }
        if (e instanceof NotLinkException) {
            return Nfs3Status.INVAL;
        }
        if (e instanceof FileSystemLoopException) {
            return Nfs3Status.INVAL;
        }
        String reason = e instanceof FileSystemException fse ? String.valueOf(fse.getReason()) : "";
        if (e instanceof AccessDeniedException) {
            return reason.contains("not permitted") ? Nfs3Status.PERM : Nfs3Status.ACCES;
        }
        Nfs3Status byReason = byReason(reason);
        if (byReason != null) {
            return byReason;
        }
        LOG.warn("I/O error answered NFS3ERR_IO: {}", e.toString());
        return Nfs3Status.IO;
    }

    /** errno texts (strerror) the JDK leaves in a plain FileSystemException. */
    private static Nfs3Status byReason(String reason) {
        if (reason.contains("Not a directory")) return Nfs3Status.NOTDIR;
        if (reason.contains("Is a directory")) return Nfs3Status.ISDIR;
        if (reason.contains("Directory not empty")) return Nfs3Status.NOTEMPTY;
        if (reason.contains("Invalid argument")) return Nfs3Status.INVAL;
        if (reason.contains("Read-only file system")) return Nfs3Status.ROFS;
        if (reason.contains("No space left")) return Nfs3Status.NOSPC;
        if (reason.contains("quota")) return Nfs3Status.DQUOT;
        if (reason.contains("File too large")) return Nfs3Status.FBIG;
        if (reason.contains("Too many links")) return Nfs3Status.MLINK;
        if (reason.contains("cross-device")) return Nfs3Status.XDEV;
        if (reason.contains("File name too long")) return Nfs3Status.NAMETOOLONG;
        if (reason.contains("Operation not permitted")) return Nfs3Status.PERM;
        if (reason.contains("No such file")) return Nfs3Status.NOENT;
        if (reason.contains("File exists")) return Nfs3Status.EXIST;
        return null;
    }
}
