package io.rowfs.proxy.row;

import java.util.concurrent.locks.ReentrantLock;

/** Per-object locks, striped by virtual id: copy-up, writes and truncates of one file are serialised. */
final class StripedLocks {
    private final ReentrantLock[] locks;

    StripedLocks(int stripes) {
        locks = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(long id) {
        return locks[(int) Long.remainderUnsigned(id * 0x9E3779B97F4A7C15L >>> 16, locks.length)];
    }
}
