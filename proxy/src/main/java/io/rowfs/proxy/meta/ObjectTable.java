package io.rowfs.proxy.meta;

import java.util.Optional;

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

    void remove(long id);

    long size();

    @Override
    void close();
}
