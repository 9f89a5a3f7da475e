package io.rowfs.proxy.handle;

/**
 * The decoded content of a virtual handle.
 *
 * @param exportId   which proxy export the object belongs to
 * @param objectId   the virtual object id, also the fileid clients see; never 0
 * @param generation bumped when an object id is reused, so old handles turn stale
 */
public record VirtualHandle(int exportId, long objectId, int generation) {
    public VirtualHandle {
        if (exportId < 0 || exportId > 0xFFFF) {
            throw new IllegalArgumentException("export id must fit 16 bits: " + exportId);
        }
        if (objectId == 0) {
            throw new IllegalArgumentException("object id 0 is reserved");
        }
    }
}
