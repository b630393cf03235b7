package dev.magnetar.api.state;

/** A state operation that failed or cannot run; the message says what and what to do. */
public class StateException extends RuntimeException {
    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
