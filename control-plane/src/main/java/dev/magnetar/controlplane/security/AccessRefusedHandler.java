package dev.magnetar.controlplane.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a refused request with the 401, 403 or 503 the access filter decided on. */
@Produces
@Singleton
@Requires(property = AuthConfig.ENABLED_PROPERTY, value = "true")
class AccessRefusedHandler implements ExceptionHandler<AccessRefusedException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, AccessRefusedException refused) {
        return refused.response();
    }
}
