package io.rowfs.protocol.nfs3;

import io.rowfs.protocol.xdr.XdrDecoder;
import io.rowfs.protocol.xdr.XdrEncoder;
import io.rowfs.protocol.xdr.XdrException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

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

    /**
     * Encoded bytes of a READDIR or READDIRPLUS result: status, directory attributes, and when
     * {@code entries} is not null the cookie verifier, the entries (each with its own "value
     * follows" word, in {@code size}), the end of list and eof words.
     */
    static <T> int resultSize(PostOpAttr dirAttributes, List<T> entries, ToIntFunction<T> size) {
        int bytes = 4 + dirAttributes.encodedSize();
        if (entries != null) {
            bytes += 8 + 4 + 4;
            for (T e : entries) {
                bytes += size.applyAsInt(e);
            }
        }
        return bytes;
    }

    static <T> void encode(XdrEncoder out, List<T> entries, BiConsumer<T, XdrEncoder> element) {
        for (T e : entries) {
            out.writeBoolean(true);
            element.accept(e, out);
        }
        out.writeBoolean(false);
    }
}
