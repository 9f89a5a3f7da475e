/**
 * Redirect-on-write: the one room where a change of the merged file system touches the shadow and
 * the proxy's tables together. {@link io.rowfs.proxy.row.Room} assembles it; the protocol layer
 * calls {@link io.rowfs.proxy.row.Changes} (create, remove, rename, link, setattr) and {@link
 * io.rowfs.proxy.row.FileData} (block-redirected read, write, truncate, commit) and reads {@link
 * io.rowfs.proxy.row.Attributes}.
 * <ul>
 *   <li>{@code CopyUp}: gives an object its shadow copy at its merged path (ancestors first).
 *   <li>{@code Creates}, {@code Removes}, {@code Renames}: the name changes, shadow step first,
 *       tables second, each logged as an intent ({@code Logged}); {@code IntentRecovery} finishes
 *       or drops at start what a crash interrupted; {@code CrashPoint} names the points between
 *       the steps where a test can make the proxy die.
 *   <li>{@code NamesBehind} ({@code PendingCreates}, {@code ShadowRoom}): CREATE and REMOVE of files
 *       answered once the tables have them, the shadow following on per-name queues.
 *   <li>{@code FileData}, {@code WriteBehind}, {@code WriteVerifier}: file data by block, UNSTABLE
 *       writes behind the reply, the verifier that tells clients to resend.
 *   <li>{@code ShadowCopies}: an object's shadow handle and attributes (predicted while its CREATE
 *       is queued).
 * </ul>
 *
 * <p>Locks: the namespace lock (one, reentrant, created by {@code Room}) guards every name change,
 * directory copy-up and recovery; a striped per-object lock ({@code CopyUp.lockOf}) guards a file's
 * copy-up, writes and truncates. Order: object lock, then namespace lock (never the other way).
 *
 * <p>Threading: CREATE and REMOVE of files may run on the event loop's fast path ({@code
 * NonBlocking}): they wait for nothing (lock, slot, attributes, main, queued writes) after their
 * first change of state, which is marked {@code NonBlocking.sideEffects}; anything that would wait
 * before it throws {@code WouldBlock} and the call re-runs on a worker. Everything else here blocks
 * (workers). Queued shadow steps run on the shadow's name queues and the write-behind writers.
 */
package io.rowfs.proxy.row;
