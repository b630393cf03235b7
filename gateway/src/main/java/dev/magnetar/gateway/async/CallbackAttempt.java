package dev.magnetar.gateway.async;

/**
 * How one post of a result to its callback URL went.
 *
 * @param delivered the receiver answered 2xx
 * @param retryable the failure may pass: no connection, no answer in time, 5xx, 408 or 429
 * @param reason    what happened, for the log; null when delivered
 */
record CallbackAttempt(boolean delivered, boolean retryable, String reason) {
    static final CallbackAttempt DELIVERED = new CallbackAttempt(true, false, null);

    static CallbackAttempt answered(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        boolean retryable = status >= 500 || status == 408 || status == 429;
        String reason = "the receiver answered " + status
                + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
        return new CallbackAttempt(false, retryable, reason);
    }

    static CallbackAttempt unreachable(Throwable error) {
        String message = error.getMessage();
        return new CallbackAttempt(false, true, error.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message));
    }

    /** Refused before any post: not retried. */
    static CallbackAttempt refused(String reason) {
        return new CallbackAttempt(false, false, reason);
    }
}
