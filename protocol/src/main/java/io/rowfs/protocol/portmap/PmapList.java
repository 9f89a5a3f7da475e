package io.rowfs.protocol.portmap;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.ArrayList;
import java.util.List;

/**
 * The DUMP result: an XDR optional-data linked list (RFC 1833 section 3).
 * <pre>
 *   struct *pmaplist { mapping map; pmaplist next; };
 *   on the wire:  TRUE | mapping | TRUE | mapping | ... | FALSE
 * </pre>
 */
public final class PmapList {
    /** More entries than any real portmapper holds; a longer list is garbage. */
    static final int MAX_ENTRIES = 65536;

    private PmapList() {
    }

    public static void encode(List<Mapping> mappings, XdrEncoder out) {
        for (Mapping m : mappings) {
            out.writeBoolean(true);
            m.encode(out);
        }
        out.writeBoolean(false);
    }

    public static List<Mapping> decode(XdrDecoder in) {
        List<Mapping> all = new ArrayList<>();
        while (in.readBoolean()) {
            if (all.size() == MAX_ENTRIES) {
                throw new XdrException("pmaplist longer than " + MAX_ENTRIES + " entries");
            }
            all.add(Mapping.decode(in));
        }
        return all;
    }
}
