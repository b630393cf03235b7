package dev.magnetar.gateway.idempotency;

import java.util.Map;

/**
 * An answer as it went to the first caller, kept to answer a repeat of the call the same way.
 *
 * @param status      the HTTP status
 * @param contentType the answer's content type, or null
 * @param body        the answer's bytes
 * @param headers     the answer's other headers (e.g. {@code X-Call-Id}, {@code Retry-After})
 */
public record KeptAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {
    public KeptAnswer {
        body = body == null ? new byte[0] : body;
        headers = Map.copyOf(headers);
    }

    /**
     * Whether the call reached the function, so that running it again could repeat its effects: a success, the
     * function's own failure (500) or a deadline that passed while it may have been running (504). Any other answer
     * refused the call before it was sent (a bad request, a full gateway, a failing function): a retry with the
     * same key may run it.
     */
    boolean reachedTheFunction() {
        return (status >= 200 && status < 300) || status == 500 || status == 504;
    }
}
