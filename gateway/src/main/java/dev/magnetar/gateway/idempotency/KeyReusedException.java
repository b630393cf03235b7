package dev.magnetar.gateway.idempotency;

/** A key sent again with a different request than the one it was first sent with (HTTP 422). */
public class KeyReusedException extends RuntimeException {
    public KeyReusedException(IdempotencyScope scope) {
        super("header " + IdempotencyKey.HEADER + " '" + scope.key() + "' was already sent with a different request to "
                + scope.route() + " (another body or content type): send a new key for a new request");
    }
}
