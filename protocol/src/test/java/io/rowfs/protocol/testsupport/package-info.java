/**
 * Test support for the RPC layers: a small test program with one procedure per reply state, raw
 * message builders, a blocking raw TCP connection for sending broken bytes, and a reply channel
 * that captures what the dispatcher sends.
 */
package io.rowfs.protocol.testsupport;
