package io.rowfs.proxy.meta;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The durable map from virtual object id to {@link ObjectRecord}. Implementations are thread-safe;
 * callers serialise updates of one object themselves (copy-up is serialised per object).
 */
public interface ObjectTable extends AutoCloseable {
    /** The virtual id of the export root; it always exists. */
    long ROOT_ID = 1;

    /** Allocates a fresh id (never 0, never reused) and stores the record under it. */
    long insert(ObjectRecord record);

    Optional<ObjectRecord> get(long id);

    /** Replaces the record of an existing object. */
    void put(long id, ObjectRecord record);

    /**
     * Replaces the record of {@code id}, if it exists, with {@code change} of it, atomically: no
     * other update of the object falls between reading and writing. Every change of an existing
     * record goes through here, so changes made on different threads never undo each other.
     */
    void update(long id, UnaryOperator<ObjectRecord> change);

    void remove(long id);

    long size();

    @Override
    void close();
}
