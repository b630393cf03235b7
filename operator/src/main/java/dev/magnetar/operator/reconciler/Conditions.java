package dev.magnetar.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns part outcomes into status conditions. A condition keeps its lastTransitionTime while its
 * status stays the same, so an unchanged function produces an equal status and no write.
 */
final class Conditions {
    private final Clock clock;

    Conditions(Clock clock) {
        this.clock = clock;
    }

    List<Condition> of(List<PartOutcome> parts, List<Condition> previous, Long generation) {
        return parts.stream().map(part -> condition(part, previous, generation)).toList();
    }

    /** Ready: True when every part is; otherwise False with the first failing part's reason and all their messages. */
    static PartOutcome ready(List<PartOutcome> parts) {
        List<PartOutcome> failing = parts.stream().filter(part -> !part.ready()).toList();
        if (failing.isEmpty()) {
            return PartOutcome.ready(PartOutcome.READY, "Ready", "all parts are ready");
        }
        String message = failing.stream().map(part -> part.type() + ": " + part.message())
                .collect(Collectors.joining("; "));
        return PartOutcome.notReady(PartOutcome.READY, failing.get(0).reason(), message,
                failing.stream().anyMatch(PartOutcome::retry));
    }

    private Condition condition(PartOutcome part, List<Condition> previous, Long generation) {
        String status = part.ready() ? "True" : "False";
        String since = previous == null ? null : previous.stream()
                .filter(c -> part.type().equals(c.getType()) && status.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime).filter(Objects::nonNull).findFirst().orElse(null);
        return new ConditionBuilder()
                .withType(part.type())
                .withStatus(status)
                .withReason(part.reason())
                .withMessage(part.message())
                .withObservedGeneration(generation)
                .withLastTransitionTime(since != null ? since
                        : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString())
                .build();
    }
}
