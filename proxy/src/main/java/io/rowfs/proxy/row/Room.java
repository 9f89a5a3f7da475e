package io.rowfs.proxy.row;

import io.rowfs.proxy.blocks.BlockMapStore;
import io.rowfs.proxy.blocks.BlockPlanner;
import io.rowfs.proxy.cache.ByteSourceListener;
import io.rowfs.proxy.cache.MainDataFetcher;
import io.rowfs.proxy.core.Handles;
import io.rowfs.proxy.core.MainMetadata;
import io.rowfs.proxy.core.MergedNames;
import io.rowfs.proxy.handle.VirtualHandleCodec;
import io.rowfs.proxy.meta.IntentLog;
import io.rowfs.proxy.meta.NameIndex;
import io.rowfs.proxy.meta.ObjectTable;
import io.rowfs.proxy.store.MainStore;
import io.rowfs.proxy.store.Shadow;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The redirect-on-write room, assembled: creates the namespace lock and hands every part what it
 * needs. The server (and the tests) take from here the parts the protocol layer uses: handles,
 * merged names, virtual attributes, file data and {@link Changes}; and run {@link #recover()} once,
 * before the first call is served.
 */
public final class Room {
    private final IntentLog intents;
    private final Handles handles;
    private final MergedNames names;
    private final Attributes attributes;
    private final FileData data;
    private final NamesBehind behind;
    private final Changes changes;
    private final IntentRecovery recovery;

    /**
     * @param objects     the object table (all objects of the process go through this instance)
     * @param namesBehind at most this many CREATE/REMOVE shadow steps queued behind replies (0: none)
     * @param dropper     where a file whose queued CREATE failed is dropped again
     * @param crash       points between the steps of a change where a test makes the proxy die
     */
    public Room(ObjectTable objects, NameIndex index, IntentLog intents, MainStore mainStore, Shadow shadow,
                VirtualHandleCodec codec, BlockMapStore blocks, BlockPlanner planner, MainDataFetcher fetcher,
                WriteVerifier verifier, ByteSourceListener bytes, int namesBehind, Executor dropper, Clock clock,
                CrashPoint crash) {
        ReentrantLock namespace = new ReentrantLock();
        this.intents = intents;
        this.handles = new Handles(objects, codec);
        MainMetadata main = new MainMetadata(mainStore);
        this.names = new MergedNames(objects, index, main, handles, namespace);
        ShadowCopies copies = new ShadowCopies(shadow, handles, main);
        CopyUp copyUp = new CopyUp(handles, main, copies, shadow, objects, namespace);
        this.attributes = new Attributes(handles, main, copies);
        this.data = new FileData(handles, main, copies, copyUp, shadow, objects, blocks, planner, fetcher, verifier, bytes);
        this.behind = new NamesBehind(names, main, objects, intents, shadow, copies, copyUp, handles, namespace, crash,
                namesBehind, dropper, clock);
        Removes removes = new Removes(names, objects, intents, shadow, copies, copyUp, data, behind, namespace, crash);
        this.changes = new Changes(handles, shadow, copies, copyUp, data,
                new Creates(names, shadow, copies, copyUp, data, behind, namespace), removes,
                new Renames(handles, names, objects, intents, shadow, copies, copyUp, data, removes, namespace, crash));
        this.recovery = new IntentRecovery(names, objects, shadow, copyUp, handles, namespace, data);
    }

    /** Finishes or drops the changes a crash interrupted; returns how many intents there were. */
    public int recover() {
        return recovery.recover(intents);
    }

    public Handles handles() {
        return handles;
    }

    public MergedNames names() {
        return names;
    }

    public Attributes attributes() {
        return attributes;
    }

    public FileData data() {
        return data;
    }

    /** Namespace write-behind: its queue length and the shadow-room check. */
    public NamesBehind behind() {
        return behind;
    }

    public Changes changes() {
        return changes;
    }
}
