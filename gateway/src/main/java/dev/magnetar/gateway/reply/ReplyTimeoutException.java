package dev.magnetar.gateway.reply;

import java.time.Duration;

/** No reply arrived before the request's deadline (HTTP 504). */
public class ReplyTimeoutException extends RuntimeException {
    private final Duration timeout;

    public ReplyTimeoutException(String requestTopic, Duration timeout) {
        super("no reply within " + timeout.toMillis() + " ms to the request sent to " + requestTopic);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
