package dev.magnetar.runtime.codec;

/** A direct call's input (an HTTP /invoke body) that cannot be read as the function's input: the caller's to fix. */
public class InputRejectedException extends PayloadException {
    public InputRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
