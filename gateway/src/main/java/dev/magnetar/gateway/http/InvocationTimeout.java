package dev.magnetar.gateway.http;

import java.time.Duration;

/** How long one invocation may take: the function's timeout or the caller's header, capped. */
final class InvocationTimeout {
    static final String HEADER = "X-Magnetar-Timeout-Ms";

    private InvocationTimeout() {
    }

    /**
     * @throws IllegalArgumentException when the header is not a positive whole number of milliseconds
     */
    static Duration resolve(long functionTimeoutMs, String header, Duration maxTimeout) {
        long millis = functionTimeoutMs;
        if (header != null && !header.isBlank()) {
            try {
                millis = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                millis = -1;
            }
            if (millis < 1) {
                throw new IllegalArgumentException("header " + HEADER + " must be a positive number of"
                        + " milliseconds, was '" + header + "'");
            }
        }
        Duration timeout = Duration.ofMillis(Math.max(1, millis));
        return timeout.compareTo(maxTimeout) > 0 ? maxTimeout : timeout;
    }
}
