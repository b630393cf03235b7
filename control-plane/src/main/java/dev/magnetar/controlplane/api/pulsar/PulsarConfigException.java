package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** A Pulsar function config (or request) Magnetar cannot accept; answered 400 naming each field. */
public class PulsarConfigException extends RuntimeException {
    public PulsarConfigException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }

    public PulsarConfigException(String field, String problem) {
        this(List.of(new Violation(field, problem)));
    }
}
