package io.rowfs.boot.files;

/** A requested name that cannot name a file inside the boot root (traversal, NUL, empty...). */
public final class BadNameException extends Exception {
    public BadNameException(String message) {
        super(message);
    }
}
