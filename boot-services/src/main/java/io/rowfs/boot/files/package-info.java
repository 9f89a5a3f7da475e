/**
 * The boot root: the one directory every boot service (TFTP, HTTP, FTP) serves, and the single
 * place that turns a name a client asked for into a file inside it, by canonical containment.
 */
package io.rowfs.boot.files;
