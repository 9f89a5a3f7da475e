/**
 * Whole-system tests of {@code rowfs boot} against real clients: udhcpc and dhclient in network
 * namespaces, tftp-hpa, atftp, busybox tftp and curl, and QEMU guests PXE-booting with iPXE and
 * pxelinux.
 */
package io.rowfs.tests.boot;
