package io.rowfs.shadow.nfs;

import io.rowfs.protocol.nfs3.*;
import io.rowfs.shadow.fs.*;
import java.io.IOException;

/** SETATTR (RFC 1813 3.3.2): mode, owner, size and times, with the optional ctime guard. */
final class Setattr implements Procedure<SetattrArgs, SetattrResult> {
    private final ShadowContext c;

    Setattr(ShadowContext c) {
        this.c = c;
    }

    @Override
    public SetattrResult run(NfsContext ctx, SetattrArgs args) throws IOException {
        long stamp = c.cache.stamp();
        ShadowFs.Node n = c.node(args.object());
        FileAttrs after = null;
        try {
            if (args.guardCtime() != null) {
                NfsTime3 ct = new NfsTime3((int) n.attrs().ctimeSec(), n.attrs().ctimeNsec());
                if (!ct.equals(args.guardCtime())) {
                    throw new NfsException(Nfs3Status.NOT_SYNC, "ctime guard mismatch");
                }
            }
            after = c.fs.setAttrs(n, ShadowContext.setAttrs(args.attributes()));
            return SetattrResult.ok(WccData.of(c.fattr(n.attrs()), c.fattr(after)));
        } catch (IOException e) {
            throw Statuses.nfs(e).withWcc(c.wcc(n.attrs(), n.path()));
        } catch (NfsException e) {
            throw e.withWcc(c.wcc(n.attrs(), n.path()));
        } finally {
            c.cache.update(stamp, n.inode(), after); // a failed SETATTR may have applied part: dropped
        }
    }
}
