package dev.magnetar.security.keys;

/** A key setting or key file that cannot be used; the message names the setting and what to give instead. */
public class KeyException extends IllegalArgumentException {
    public KeyException(String message) {
        super(message);
    }

    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
