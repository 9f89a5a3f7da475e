/**
 * HTTP boot: the boot root over HTTP/1.1 (GET and HEAD, single Range requests, zero-copy file
 * sending), with iPXE scripts ({@code *.ipxe}) rendered per client by {@link io.rowfs.boot.http.ScriptTemplate}.
 */
package io.rowfs.boot.http;
