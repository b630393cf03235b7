package dev.magnetar.runtime.codec;

/** An input that does not fit the function's input type, or a result that cannot be written. */
public class PayloadException extends RuntimeException {
    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
