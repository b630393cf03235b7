package dev.magnetar.controlplane.security;

import io.micronaut.http.HttpStatus;

/**
 * The answer to "may this caller do this": allowed, or refused with the status and a reason that names the
 * role, the action and the tenant/namespace.
 */
record AccessDecision(HttpStatus refusal, String reason) {
    static final AccessDecision ALLOWED = new AccessDecision(null, null);

    static AccessDecision forbidden(String reason) {
        return new AccessDecision(HttpStatus.FORBIDDEN, reason);
    }

    /** Pulsar could not be asked: fail closed. */
    static AccessDecision unavailable(String reason) {
        return new AccessDecision(HttpStatus.SERVICE_UNAVAILABLE, reason);
    }

    boolean allowed() {
        return refusal == null;
    }
}
