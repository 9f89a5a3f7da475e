package io.rowfs.shadow.fs;

import io.rowfs.protocol.nfs3.CookieHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Stable per-name READDIR cookies: a cookie means "resume after this entry" and needs no server
 * state. "." is {@value #DOT}, ".." is {@value #DOTDOT}; every other name gets the FNV-1a hash of its
 * bytes ({@link CookieHash}) cut to 62 bits, moved to at least {@value #FIRST_NAME_COOKIE}. Entries are listed in cookie order;
 * when two names of one listing collide the later one (in byte order of names) takes the next free
 * value. Resuming from a cookie returns the entries with larger cookies, so a listing that changed
 * between calls still resumes at the right place (entries are never repeated or rejected).
 */
public final class DirCookies {
    public static final long DOT = CookieHash.DOT;
    public static final long DOTDOT = CookieHash.DOTDOT;
    public static final long FIRST_NAME_COOKIE = CookieHash.FIRST_NAME;
    private static final long MASK = (1L << 62) - 1;

    private DirCookies() {
    }

    /** A directory entry with its cookie. */
    public record Entry(String name, long cookie) {
    }

    /** The cookie of {@code name} before collision handling. */
    public static long hash(String name) {
        long h = CookieHash.fnv1a64(name.getBytes(StandardCharsets.UTF_8)) & MASK;
        return h < FIRST_NAME_COOKIE ? h + FIRST_NAME_COOKIE : h;
    }

    /** Assigns cookies to {@code names} (without "." and "..") and sorts by cookie. */
    public static List<Entry> assign(List<String> names) {
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        List<Entry> out = new ArrayList<>(sorted.size());
        for (String n : sorted) {
            out.add(new Entry(n, hash(n)));
        }
        out.sort(Comparator.comparingLong(Entry::cookie));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).cookie() <= out.get(i - 1).cookie()) {
                long next = out.get(i - 1).cookie() + 1;
                out.set(i, new Entry(out.get(i).name(), next > MASK ? FIRST_NAME_COOKIE : next));
                if (next > MASK) { // wrapped: rare enough to simply re-sort
                    out.sort(Comparator.comparingLong(Entry::cookie));
                    i = 0;
                }
            }
        }
        return out;
    }
}
