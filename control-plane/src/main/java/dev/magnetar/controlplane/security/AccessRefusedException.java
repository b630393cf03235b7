package dev.magnetar.controlplane.security;

import io.micronaut.http.HttpResponse;

/**
 * Ends a request the access filter refused, carrying the answer. The filter goes on by handing back the request
 * and stops by failing with this: Micronaut loses a request whose filter completes later with "go on" and no value.
 * Checked, so that no controller's own handler of runtime errors takes it for a failure of its route.
 */
final class AccessRefusedException extends Exception {
    private final transient HttpResponse<?> response;

    AccessRefusedException(HttpResponse<?> response) {
        super(null, null, false, false);
        this.response = response;
    }

    HttpResponse<?> response() {
        return response;
    }
}
