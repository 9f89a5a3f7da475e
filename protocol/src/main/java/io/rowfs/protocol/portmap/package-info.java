/**
 * Portmapper version 2 (RFC 1833 section 3, program 100000): the {@link
 * io.rowfs.protocol.portmap.Mapping} codec, an embedded portmapper ({@link
 * io.rowfs.protocol.portmap.PortmapProgram} over an in-memory {@link
 * io.rowfs.protocol.portmap.PortmapRegistry}) and a typed client ({@link
 * io.rowfs.protocol.portmap.PortmapClient}).
 */
package io.rowfs.protocol.portmap;
