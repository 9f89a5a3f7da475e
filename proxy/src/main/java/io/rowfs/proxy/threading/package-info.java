/**
 * The proxy's threading rules in one place. {@link io.rowfs.proxy.threading.NonBlocking} marks a
 * thread as one that must not block (an event loop answering on the fast path) and turns a wait
 * there into {@code WouldBlock}, so the call moves to a worker; {@link
 * io.rowfs.proxy.threading.Await} is the one bounded wait for a back end's future on a worker;
 * {@link io.rowfs.proxy.threading.SerialQueues} runs tasks of one key (a file, a shadow name) one at
 * a time in submission order on shared threads; {@link io.rowfs.proxy.threading.BackendException}
 * is a back end that did not answer. This package depends on nothing else in the proxy.
 */
package io.rowfs.proxy.threading;
