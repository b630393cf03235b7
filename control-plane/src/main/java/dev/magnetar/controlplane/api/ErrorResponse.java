package dev.magnetar.controlplane.api;

import io.micronaut.serde.annotation.Serdeable;

/** Pulsar admin's error shape, so pulsar-admin style clients show the reason. */
@Serdeable
public record ErrorResponse(String reason) {
}
