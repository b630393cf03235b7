package dev.magnetar.gateway.reply;

/** The pending-reply table is full: the caller should retry later (HTTP 429). */
public class TooManyPendingRequestsException extends RuntimeException {
    private final int limit;

    public TooManyPendingRequestsException(int limit) {
        super(limit + " requests are already waiting for a reply, the most this gateway holds: retry later");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
