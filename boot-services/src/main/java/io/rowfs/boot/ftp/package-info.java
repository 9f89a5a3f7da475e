/**
 * FTP access to the boot root (Apache FtpServer) for people and scripts that download images and
 * boot files: anonymous, read-only, passive-only, bound to one address. No firmware boots over FTP.
 */
package io.rowfs.boot.ftp;
