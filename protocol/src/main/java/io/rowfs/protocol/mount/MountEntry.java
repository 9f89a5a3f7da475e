package io.rowfs.protocol.mount;

/** One DUMP entry (RFC 1813 appendix I, {@code mountbody}): who mounted which directory. */
public record MountEntry(String hostname, String directory) {
}
