/**
 * Test helpers every module shares, published in rowfs-common's test-jar (depend on it with
 * {@code <type>test-jar</type><scope>test</scope>}): {@link io.rowfs.testsupport.ManualClock}.
 */
package io.rowfs.testsupport;
