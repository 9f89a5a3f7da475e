package io.rowfs.protocol.rpc;

/** The transport a call arrived on. */
public enum Transport {
    TCP,
    UDP
}
