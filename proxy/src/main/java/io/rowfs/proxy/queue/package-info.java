/**
 * Ordering of background work: {@link io.rowfs.proxy.queue.SerialQueues} runs tasks of one key
 * (a file, a shadow directory) one at a time in submission order on shared threads.
 */
package io.rowfs.proxy.queue;
