package io.rowfs.protocol.mount;

import java.util.List;

/**
 * One EXPORT entry (RFC 1813 appendix I, {@code exportnode}): a directory and the groups (host
 * names, netgroups or address patterns) allowed to mount it; no groups means everyone.
 */
public record ExportEntry(String directory, List<String> groups) {
    public ExportEntry {
        groups = List.copyOf(groups);
    }
}
