package dev.magnetar.gateway.schema;

/**
 * A request body that cannot become a message of the function's input schema: nothing is published, the caller is
 * answered {@link #status()} with the message, which names the field or value and what to send instead.
 */
public final class BodyRejectedException extends RuntimeException {
    /** The body does not fit the schema. */
    public static final int BAD_REQUEST = 400;
    /** The body is in a form the schema cannot be written from (e.g. JSON for a protobuf input). */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private final int status;

    public BodyRejectedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
