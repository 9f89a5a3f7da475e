/** Boot services that PXE-boot a diskless guest: DHCP, TFTP, HTTP boot and FTP. */
package io.rowfs.boot;
