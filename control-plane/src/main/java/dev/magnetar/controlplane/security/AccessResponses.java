package dev.magnetar.controlplane.security;

import dev.magnetar.controlplane.api.ErrorResponse;
import dev.magnetar.security.token.BearerToken;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

/** 401, 403 and 503 answers in Pulsar's error shape, {@code {"reason": "..."}}. */
final class AccessResponses {
    private static final String REALM = "Bearer realm=\"magnetar\"";

    private AccessResponses() {
    }

    /** RFC 6750: a missing token gets the bare challenge, a refused one {@code error="invalid_token"}. */
    static HttpResponse<ErrorResponse> unauthorized(String reason) {
        String challenge = BearerToken.NO_TOKEN.equals(reason) ? REALM
                : REALM + ", error=\"invalid_token\", error_description=\"" + reason.replace('"', '\'') + "\"";
        String body = BearerToken.NO_TOKEN.equals(reason) ? reason : "the bearer token is not accepted: " + reason;
        return HttpResponse.<ErrorResponse>status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ErrorResponse(body));
    }

    static HttpResponse<ErrorResponse> refused(AccessDecision decision) {
        return HttpResponse.<ErrorResponse>status(decision.refusal())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ErrorResponse(decision.reason()));
    }
}
