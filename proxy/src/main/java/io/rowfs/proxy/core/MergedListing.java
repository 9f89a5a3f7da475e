package io.rowfs.proxy.core;

import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.proxy.meta.NameEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of a merged directory: main's names (when the directory has a main copy) and the name
 * index's children, minus whiteouts. An index entry wins over main's entry of the same name (it is
 * the object the name was looked up, re-created or renamed to). Pure; "." and ".." are not included.
 */
final class MergedListing {
    private MergedListing() {
    }

    /**
     * @param mainNames names in main's copy of the directory (empty when it has none)
     * @param index     the index entries under the directory
     * @return each visible name with its virtual id, or 0 when main's name has no id yet
     */
    static List<Named> merge(Collection<Filename> mainNames, Map<Filename, NameEntry> index) {
        Map<Filename, Long> out = new LinkedHashMap<>();
        for (Filename n : mainNames) {
            NameEntry e = index.get(n);
            if (e == null) {
                out.put(n, 0L);
            }
        }
        for (Map.Entry<Filename, NameEntry> e : index.entrySet()) {
            if (!e.getValue().isWhiteout()) {
                out.put(e.getKey(), e.getValue().childId());
            }
        }
        List<Named> list = new ArrayList<>(out.size());
        out.forEach((n, id) -> list.add(new Named(n, id)));
        return list;
    }

    record Named(Filename name, long id) {
    }
}
