package dev.magnetar.gateway.http;

import io.micronaut.serde.annotation.Serdeable;

/** Error body in Pulsar's admin API shape: {@code {"reason": "..."}}. */
@Serdeable
public record GatewayError(String reason) {
}
