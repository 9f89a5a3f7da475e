package io.rowfs.proxy.core;

import io.rowfs.protocol.nfs3.CookieHash;
import io.rowfs.protocol.nfs3.Filename;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * READDIR cookies of a merged directory, computed from the names alone so that the proxy keeps no
 * per-listing state: cookie(name) = a 62-bit hash of the name bytes, moved into [{@link #FIRST},
 * 2^62). A cookie means "resume after this entry": the listing is ordered by cookie and a reply
 * continues with the first entry whose cookie is greater, so a client may resume from any cookie it
 * was given even after entries were added or removed. Cookies 1 and 2 are "." and "..".
 *
 * <p>Collisions (two names of one directory with the same hash) are resolved by ordering the
 * colliding names bytewise and giving each the next free value; a name's cookie therefore changes
 * only when a colliding name appears or disappears (probability about n^2 / 2^63 per directory).
 */
public final class DirCookies {
    public static final long DOT = CookieHash.DOT;
    public static final long DOTDOT = CookieHash.DOTDOT;
    static final long FIRST = CookieHash.FIRST_NAME;
    private static final long SPAN = (1L << 62) - FIRST;

    private DirCookies() {
    }

    /** The name's cookie before collision resolution. */
    static long hash(Filename name) {
        long h = CookieHash.fnv1a64(name); // then a SplitMix64 finaliser to spread short names
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return FIRST + Long.remainderUnsigned(h, SPAN);
    }

    /** Pairs each entry with its cookie, ordered by cookie (ascending, all distinct). */
    public static <T> List<Cookied<T>> assign(List<T> entries, java.util.function.Function<T, Filename> nameOf) {
        List<Cookied<T>> out = new ArrayList<>(entries.size());
        for (T e : entries) {
            out.add(new Cookied<>(hash(nameOf.apply(e)), nameOf.apply(e), e));
        }
        out.sort(Comparator.<Cookied<T>>comparingLong(Cookied::cookie)
                .thenComparing(c -> c.name().bytes(), java.util.Arrays::compareUnsigned));
        long previous = 0;
        for (int i = 0; i < out.size(); i++) {
            Cookied<T> c = out.get(i);
            if (c.cookie() <= previous) {
                c = new Cookied<>(previous + 1, c.name(), c.value());
                out.set(i, c);
            }
            previous = c.cookie();
        }
        return out;
    }

    /** Index of the first entry to return for a request with {@code cookie} (0 = from the start). */
    public static <T> int resumeIndex(List<Cookied<T>> sorted, long cookie) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sorted.get(mid).cookie(), cookie) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public record Cookied<T>(long cookie, Filename name, T value) {
    }
}
