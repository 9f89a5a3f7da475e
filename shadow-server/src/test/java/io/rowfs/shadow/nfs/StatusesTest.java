package io.rowfs.shadow.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.shadow.fs.FsError;
import io.rowfs.shadow.fs.FsException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

class StatusesTest {
    @Test
    void everyFsErrorHasAStatus() {
        for (FsError e : FsError.values()) {
            Nfs3Status s = Statuses.status(new FsException(e, "x"));
            assertEquals(false, s.isOk(), e.name());
        }
        assertEquals(Nfs3Status.BADHANDLE, Statuses.status(new FsException(FsError.BAD_HANDLE, "x")));
        assertEquals(Nfs3Status.STALE, Statuses.status(new FsException(FsError.STALE, "x")));
        assertEquals(Nfs3Status.ROFS, Statuses.status(new FsException(FsError.READ_ONLY, "x")));
        assertEquals(Nfs3Status.INVAL, Statuses.status(new FsException(FsError.INVALID_NAME, "x")));
        assertEquals(Nfs3Status.BADTYPE, Statuses.status(new FsException(FsError.BAD_TYPE, "x")));
    }

    @Test
    void nioExceptionsAndErrnoTexts() {
        assertEquals(Nfs3Status.NOENT, Statuses.status(new NoSuchFileException("f")));
        assertEquals(Nfs3Status.EXIST, Statuses.status(new FileAlreadyExistsException("f")));
        assertEquals(Nfs3Status.NOTEMPTY, Statuses.status(new DirectoryNotEmptyException("d")));
        assertEquals(Nfs3Status.NOTDIR, Statuses.status(new NotDirectoryException("d")));
        assertEquals(Nfs3Status.ACCES, Statuses.status(new AccessDeniedException("f")));
        assertEquals(Nfs3Status.PERM, Statuses.status(new AccessDeniedException("f", null, "Operation not permitted")));
        assertEquals(Nfs3Status.NOTEMPTY, Statuses.status(new FileSystemException("a", "b", "Directory not empty")));
        assertEquals(Nfs3Status.INVAL, Statuses.status(new FileSystemException("a", "b", "Invalid argument")));
        assertEquals(Nfs3Status.NOSPC, Statuses.status(new FileSystemException("a", null, "No space left on device")));
        assertEquals(Nfs3Status.XDEV, Statuses.status(new FileSystemException("a", "b", "Invalid cross-device link")));
        assertEquals(Nfs3Status.MLINK, Statuses.status(new FileSystemException("a", "b", "Too many links")));
        assertEquals(Nfs3Status.IO, Statuses.status(new IOException("disk on fire")));
    }
}
