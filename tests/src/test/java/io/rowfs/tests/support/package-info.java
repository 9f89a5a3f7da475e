/**
 * Test support shared by whole-system tests: a mounted NFSv3 session on a real peer
 * ({@link io.rowfs.tests.support.GaneshaNfs}).
 */
package io.rowfs.tests.support;
