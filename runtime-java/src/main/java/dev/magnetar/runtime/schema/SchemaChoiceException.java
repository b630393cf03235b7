package dev.magnetar.runtime.schema;

/** No schema fits a function's type and settings for a topic; the message says which and what to change. */
public class SchemaChoiceException extends RuntimeException {
    public SchemaChoiceException(String message) {
        super(message);
    }

    public SchemaChoiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
