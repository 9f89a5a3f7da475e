package io.rowfs.proxy.core;

import io.rowfs.proxy.meta.ObjectRecord;
import io.rowfs.proxy.meta.ObjectTable;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The object table with the decoded records of recently used objects kept in memory, so that the
 * calls answered on the event loop (GETATTR, LOOKUP, READDIRPLUS: several records each) read a map
 * instead of decoding from the Chronicle file. The durable table stays the truth: every change is
 * written through to it first.
 *
 * <p>A miss loads the record inside the map's per-key critical section, and changes write the durable
 * table inside the same section, so a load can never put back a record that a concurrent change
 * replaced or removed. Bounded: past {@code capacity} records the map is emptied and refilled on
 * demand. All objects of the process must go through this one instance. Thread-safe.
 *
 * <p>{@link #version()} counts the changes of existing records: a value derived from records read
 * after reading version v is still current while the version is v (it moves after every put, update
 * and remove has reached the map).
 */
public final class CachedObjectTable implements ObjectTable {
    private final ObjectTable durable;
    private final int capacity;
    private final ConcurrentHashMap<Long, ObjectRecord> records = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    public CachedObjectTable(ObjectTable durable, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + ", expected at least 1");
        }
        this.durable = durable;
        this.capacity = capacity;
    }

    @Override
    public long insert(ObjectRecord record) {
        long id = durable.insert(record);
        makeRoom();
        records.put(id, record); // a fresh id: no other thread can load or change it before this returns
        return id;
    }

    @Override
    public Optional<ObjectRecord> get(long id) {
        ObjectRecord r = records.get(id);
        if (r == null) {
            makeRoom();
            r = records.computeIfAbsent(id, k -> durable.get(k).orElse(null));
        }
        return Optional.ofNullable(r);
    }

    @Override
    public void put(long id, ObjectRecord record) {
        makeRoom();
        records.compute(id, (k, old) -> {
            durable.put(k, record);
            return record;
        });
        version.incrementAndGet();
    }

    @Override
    public void update(long id, UnaryOperator<ObjectRecord> change) {
        makeRoom();
        records.compute(id, (k, old) -> {
            ObjectRecord[] changed = new ObjectRecord[1]; // stays null when the object does not exist
            durable.update(k, r -> changed[0] = change.apply(r));
            return changed[0];
        });
        version.incrementAndGet();
    }

    @Override
    public void remove(long id) {
        records.compute(id, (k, old) -> {
            durable.remove(k);
            return null;
        });
        version.incrementAndGet();
    }

    /** The number of changes (puts, updates and removes) of records so far; see the class comment. */
    public long version() {
        return version.get();
    }

    @Override
    public long size() {
        return durable.size();
    }

    /** Records held in memory (for tests). */
    int cached() {
        return records.size();
    }

    private void makeRoom() {
        if (records.size() >= capacity) {
            records.clear();
        }
    }

    @Override
    public void close() {
        records.clear();
        durable.close();
    }
}
