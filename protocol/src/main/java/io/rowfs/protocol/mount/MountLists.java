package io.rowfs.protocol.mount;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.ArrayList;
import java.util.List;

/**
 * The three XDR optional-data lists of MOUNT v3 (RFC 1813 appendix I); each entry is preceded by
 * TRUE and the list ends with FALSE:
 * <pre>
 *   mountlist (DUMP):   TRUE | hostname&lt;255&gt; | dirpath&lt;1024&gt; | ... | FALSE
 *   exports (EXPORT):   TRUE | dirpath&lt;1024&gt; | groups | ... | FALSE
 *   groups:             TRUE | name&lt;255&gt; | ... | FALSE
 * </pre>
 */
public final class MountLists {
    /** More entries than any server lists; a longer list is garbage. */
    static final int MAX_ENTRIES = 65536;

    private MountLists() {
    }

    public static void encodeMountList(List<MountEntry> entries, XdrEncoder out) {
        for (MountEntry e : entries) {
            out.writeBoolean(true).writeString(e.hostname()).writeString(e.directory());
        }
        out.writeBoolean(false);
    }

    public static List<MountEntry> decodeMountList(XdrDecoder in) {
        List<MountEntry> all = new ArrayList<>();
        while (more(in, all.size(), "mountlist")) {
            all.add(new MountEntry(in.readString("hostname", Mount.MNTNAMLEN),
                    in.readString("dirpath", Mount.MNTPATHLEN)));
        }
        return all;
    }

    public static void encodeExports(List<ExportEntry> exports, XdrEncoder out) {
        for (ExportEntry e : exports) {
            out.writeBoolean(true).writeString(e.directory());
            for (String g : e.groups()) {
                out.writeBoolean(true).writeString(g);
            }
            out.writeBoolean(false);
        }
        out.writeBoolean(false);
    }

    public static List<ExportEntry> decodeExports(XdrDecoder in) {
        List<ExportEntry> all = new ArrayList<>();
        while (more(in, all.size(), "exports")) {
            String dir = in.readString("dirpath", Mount.MNTPATHLEN);
            List<String> groups = new ArrayList<>();
            while (more(in, groups.size(), "groups")) {
                groups.add(in.readString("group name", Mount.MNTNAMLEN));
            }
            all.add(new ExportEntry(dir, groups));
        }
        return all;
    }

    private static boolean more(XdrDecoder in, int sizeSoFar, String what) {
        boolean more = in.readBoolean();
        if (more && sizeSoFar == MAX_ENTRIES) {
            throw new XdrException(what + " longer than " + MAX_ENTRIES + " entries");
        }
        return more;
    }
}
