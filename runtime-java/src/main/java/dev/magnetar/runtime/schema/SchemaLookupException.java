package dev.magnetar.runtime.schema;

/** A topic's schema could not be looked up (the broker not reachable yet, say): worth retrying, unlike a misfit. */
public class SchemaLookupException extends SchemaChoiceException {
    public SchemaLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
