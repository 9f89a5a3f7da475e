package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.FileHandle;
import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.NewObjectResult;
import io.rowfs.shadow.fs.FileAttrs;
import io.rowfs.shadow.fs.ShadowFs;
import java.io.IOException;

/**
 * What CREATE, MKDIR, SYMLINK and MKNOD share around making their object: the directory's
 * attributes before and after (wcc data), the attribute cache told of the new name, and on failure
 * the name forgotten (a failed UNCHECKED create may have changed it) and the error mapped.
 */
final class NewObjects {
    /** Makes the object {@code name} in {@code dir}. */
    @FunctionalInterface
    interface Maker {
        ShadowFs.Node make(ShadowFs.Node dir, String name) throws IOException;
    }

    private NewObjects() {
    }

    static NewObjectResult make(ShadowContext c, FileHandle dirHandle, Filename filename, Maker maker) throws IOException {
        long stamp = c.cache.stamp();
        ShadowFs.Node dir = c.node(dirHandle);
        String name = filename.toString();
        try {
            ShadowFs.Node made = maker.make(dir, name);
            FileAttrs dirAfter = c.fs.attrsOrNull(dir.path());
            c.cache.created(stamp, dir.inode(), name, made.attrs(), dirAfter);
            return NewObjectResult.ok(c.handle(made.attrs()), c.postOp(made.attrs()), c.wcc(dir.attrs(), dirAfter));
        } catch (IOException e) {
            c.cache.invalidateName(dir.inode(), name);
            throw Statuses.nfs(e).withWcc(c.wcc(dir.attrs(), dir.path()));
        }
    }
}
