package io.rowfs.proxy.row;

import io.rowfs.proxy.meta.Intent;
import io.rowfs.proxy.meta.IntentLog;

/**
 * A multi-step change run under its intent ({@link IntentRecovery}): the intent is logged before
 * the first step and is done once the steps return or fail with an exception (a refused step
 * changed nothing after it). An {@link Error} (the process going down, or a test's
 * {@link CrashPoint}) leaves it pending, as a crash does, for recovery at the next start.
 */
final class Logged {
    private Logged() {
    }

    static void run(IntentLog intents, Intent intent, Runnable steps) {
        long seq = intents.begin(intent);
        try {
            steps.run();
        } catch (RuntimeException e) {
            intents.done(seq);
            throw e;
        }
        intents.done(seq);
    }
}
