package io.rowfs.proxy.blocks;

/** A byte range of a file served from one {@link Source}. */
public record Run(Source source, long offset, long length) {
    public Run {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad run " + offset + "+" + length);
        }
    }

    public long end() {
        return offset + length;
    }
}
