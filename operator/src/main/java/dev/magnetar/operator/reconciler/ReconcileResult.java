package dev.magnetar.operator.reconciler;

import java.time.Duration;
import java.util.Optional;

/** Whether the loop should look at a function again without an event, and when. */
public record ReconcileResult(Optional<Duration> requeueAfter) {
    public static final Duration CONFLICT_RETRY = Duration.ofMillis(200);
    public static final Duration PULSAR_RETRY = Duration.ofSeconds(10);

    public static ReconcileResult done() {
        return new ReconcileResult(Optional.empty());
    }

    public static ReconcileResult requeue(Duration after) {
        return new ReconcileResult(Optional.of(after));
    }
}
