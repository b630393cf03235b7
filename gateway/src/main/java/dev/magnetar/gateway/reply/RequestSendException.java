package dev.magnetar.gateway.reply;

/** The request could not be published to the function's input topic (HTTP 503). */
public class RequestSendException extends RuntimeException {
    public RequestSendException(String requestTopic, Throwable cause) {
        super("cannot publish the request to " + requestTopic + ": " + cause.getMessage()
                + " (is the broker reachable and the topic provisioned?)", cause);
    }
}
