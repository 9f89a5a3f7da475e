package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.WccData;
import io.rowfs.shadow.fs.FileAttrs;
import io.rowfs.shadow.fs.ShadowFs;
import java.io.IOException;
import java.util.function.Function;

/**
 * What REMOVE and RMDIR share around removing their name: the directory's wcc data, the error
 * mapped, and the attribute cache told in every case (the removed object is also known by handle
 * or other links: it is dropped; the directory's attributes after a successful removal are kept).
 */
final class Removals {
    /** Removes {@code name} from {@code dir}; returns the removed object's attributes. */
    @FunctionalInterface
    interface Remover {
        FileAttrs remove(ShadowFs.Node dir, String name) throws IOException;
    }

    private Removals() {
    }

    static <R> R remove(ShadowContext c, FileHandle dirHandle, Filename filename, Remover remover,
                        Function<WccData, R> ok) throws IOException {
        long stamp = c.cache.stamp();
        ShadowFs.Node dir = c.node(dirHandle);
        String name = filename.toString();
        FileAttrs removed = null;
        FileAttrs dirAfter = null;
        try {
            removed = remover.remove(dir, name);
            dirAfter = c.fs.attrsOrNull(dir.path());
            return ok.apply(c.wcc(dir.attrs(), dirAfter));
        } catch (IOException e) {
            throw Statuses.nfs(e).withWcc(c.wcc(dir.attrs(), dir.path()));
        } finally {
            c.cache.removed(stamp, dir.inode(), name, removed == null ? -1 : removed.fileid(), dirAfter);
        }
    }
}
