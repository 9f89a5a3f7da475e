/** Whole-system tests of the shadow server against real NFS clients (libnfs, the Linux kernel client). */
package io.rowfs.tests.shadow;
