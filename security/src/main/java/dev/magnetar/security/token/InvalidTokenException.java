package dev.magnetar.security.token;

/** A token that is not accepted; the message says why without repeating the token. */
public class InvalidTokenException extends Exception {
    public InvalidTokenException(String message) {
        super(message);
    }
}
