package io.rowfs.proxy.core;

import io.rowfs.protocol.nfs3.Fattr3;
import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;

/** One entry of main's copy of a directory, as main's READDIRPLUS gave it (handle, attributes may be null). */
record MainEntry(Filename name, FileHandle handle, Fattr3 attributes) {
}
