package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The XDR optional-data linked list of READDIR(PLUS) entries: each element is preceded by
 * {@code TRUE}, the list ends with {@code FALSE}. Decoding stops at the decoder's array limit.
 */
final class EntryList {
    private EntryList() {}

    static <T> List<T> decode(XdrDecoder in, Function<XdrDecoder, T> element) {
        List<T> out = new ArrayList<>();
        int max = in.limits().maxArrayElements();
        while (in.readBoolean()) {
            if (out.size() >= max) {
                throw new XdrException("directory list has more than " + max + " entries");
            }
            out.add(element.apply(in));
        }
        return out;
    }

    static <T> void encode(XdrEncoder out, List<T> entries, BiConsumer<T, XdrEncoder> element) {
        for (T e : entries) {
            out.writeBoolean(true);
            element.accept(e, out);
        }
        out.writeBoolean(false);
    }
}
