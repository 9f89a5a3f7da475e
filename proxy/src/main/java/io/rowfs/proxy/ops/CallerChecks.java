package io.rowfs.proxy.ops;

import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.protocol.nfs3.Nfs3Status;
import io.rowfs.protocol.nfs3.NfsContext;
import io.rowfs.protocol.nfs3.NfsException;
import io.rowfs.proxy.core.Resolved;
import io.rowfs.proxy.row.Attributes;
import io.rowfs.proxy.row.Checks;

/** The {@link Checks} of one call: {@link Names} and {@link Permissions} of its caller, on virtual attributes. */
final class CallerChecks implements Checks {
    private final NfsContext ctx;
    private final Attributes attrs;

    CallerChecks(NfsContext ctx, Attributes attrs) {
        this.ctx = ctx;
        this.attrs = attrs;
    }

    @Override
    public void newName(Filename name) {
        Names.checkNew(name);
    }

    @Override
    public void renamed(Filename from, Filename to) {
        if (from.isDotOrDotDot() || to.isDotOrDotDot()) {
            throw new NfsException(Nfs3Status.INVAL, "RENAME of '.' or '..'");
        }
        Names.checkNew(to);
    }

    @Override
    public void dirChange(Resolved dir) {
        Permissions.requireDirChange(ctx, attrs.of(dir));
    }

    @Override
    public void write(Resolved file) {
        Permissions.requireWrite(ctx, attrs.of(file));
    }
}
