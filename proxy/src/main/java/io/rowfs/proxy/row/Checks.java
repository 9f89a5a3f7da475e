package io.rowfs.proxy.row;

import io.rowfs.protocol.nfs3.Filename;
import io.rowfs.proxy.core.Resolved;

/**
 * The caller's side of a change: the protocol layer's checks of names and permissions, which a
 * change asks for at the point it reaches them (under the namespace lock, after the lookups that
 * come before them), so failures come in the protocol's order. Each throws
 * {@link io.rowfs.protocol.nfs3.NfsException} with the status to answer.
 */
public interface Checks {
    /** Nothing refused (for tests of the room). */
    Checks NONE = new Checks() {
        @Override
        public void newName(Filename name) {
        }

        @Override
        public void renamed(Filename from, Filename to) {
        }

        @Override
        public void dirChange(Resolved dir) {
        }

        @Override
        public void write(Resolved file) {
        }
    };

    /** {@code name} may be given to a new object or link. */
    void newName(Filename name);

    /** A RENAME may move {@code from} to {@code to}. */
    void renamed(Filename from, Filename to);

    /** The caller may add entries to or remove entries from {@code dir}. */
    void dirChange(Resolved dir);

    /** The caller may write {@code file}'s data. */
    void write(Resolved file);
}
