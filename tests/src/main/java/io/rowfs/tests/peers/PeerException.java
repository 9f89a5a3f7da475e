package io.rowfs.tests.peers;

/** A peer (tool, daemon, guest) failed or could not be started; the message carries its output. */
public final class PeerException extends RuntimeException {
    public PeerException(String message) {
        super(message);
    }

    public PeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
