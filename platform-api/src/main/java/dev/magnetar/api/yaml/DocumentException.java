package dev.magnetar.api.yaml;

/** A function document could not be read; the message names the field and the value. */
public class DocumentException extends RuntimeException {
    public DocumentException(String message) {
        super(message);
    }

    public DocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
