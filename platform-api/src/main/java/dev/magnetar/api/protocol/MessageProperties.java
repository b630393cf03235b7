package dev.magnetar.api.protocol;

/**
 * Names of the Pulsar message properties that carry Magnetar's request/reply protocol.
 * The gateway sets the request ones; the runtime reads them and sets the reply ones, and those of a dead letter.
 */
public final class MessageProperties {
    /** Request and reply: opaque id that pairs a reply with the waiting caller (an asynchronous call's id). */
    public static final String CORRELATION_ID = "magnetar-correlation-id";
    /**
     * Request: topic the runtime publishes the reply to: a gateway instance's own for a synchronous call, the
     * gateways' shared results topic for an asynchronous one.
     */
    public static final String REPLY_TO = "magnetar-reply-to";
    /** Request: epoch milliseconds after which nobody waits for the answer. */
    public static final String DEADLINE = "magnetar-deadline";
    /** Request and reply: MIME type of the payload. */
    public static final String CONTENT_TYPE = "content-type";
    /** W3C trace context, forwarded as is. */
    public static final String TRACEPARENT = "traceparent";
    /** Reply: {@link ReplyStatus#wireValue()}. */
    public static final String STATUS = "magnetar-status";
    /** Reply with status error: a one-line message for the caller. Dead letter: the last failure, one line. */
    public static final String ERROR = "magnetar-error";
    /** Dead letter: the function that failed on the message, as tenant/namespace/name. */
    public static final String FUNCTION = "magnetar-function";

    private MessageProperties() {
    }
}
