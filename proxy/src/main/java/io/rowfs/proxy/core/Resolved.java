package io.rowfs.proxy.core;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.FileType;
import io.rowfs.proxy.meta.ObjectRecord;

/** A virtual object the proxy found: its id and the record read at that moment. */
public record Resolved(long id, ObjectRecord record) {
    public FileType type() {
        return FileType.of(record.type());
    }

    public boolean isDir() {
        return record.type() == FileType.DIR.value();
    }

    public FileHandle mainHandle() {
        return FileHandle.of(record.mainHandle());
    }
}
