/** Whole-system tests of rowfs against real peers (nfs-ganesha, libnfs, the Linux client in QEMU, iPXE). */
package io.rowfs.tests;
