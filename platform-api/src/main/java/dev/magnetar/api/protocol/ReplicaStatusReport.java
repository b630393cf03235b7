package dev.magnetar.api.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/**
 * What a replica reports on {@code GET /status} of its HTTP port; the control plane turns it into
 * Pulsar's {@code FunctionStatus} and {@code FunctionStats}. Latencies in milliseconds (null when
 * nothing was processed), times in epoch milliseconds ({@code lastInvocationMs} 0 when the function
 * was never invoked). A user exception is one the function's code threw (or a timeout); a system
 * exception is the runtime's own failure around it. {@code userMetrics} are what the function recorded with
 * {@code Context.recordMetric}, named as Pulsar's function stats name them ({@code user_metric_<name>_sum} and
 * {@code _count}); never null.
 */
public record ReplicaStatusReport(int instanceId, long received, long processed, long userExceptions,
                                  long systemExceptions, Double avgProcessLatencyMs, long lastInvocationMs,
                                  List<ExceptionEntry> latestUserExceptions,
                                  List<ExceptionEntry> latestSystemExceptions, Window oneMin,
                                  Map<String, Double> userMetrics) {
    public static final String PATH = "/status";

    /** A report without user metrics: a replica that recorded none, or one older than them. */
    public ReplicaStatusReport(int instanceId, long received, long processed, long userExceptions,
                               long systemExceptions, Double avgProcessLatencyMs, long lastInvocationMs,
                               List<ExceptionEntry> latestUserExceptions, List<ExceptionEntry> latestSystemExceptions,
                               Window oneMin) {
        this(instanceId, received, processed, userExceptions, systemExceptions, avgProcessLatencyMs, lastInvocationMs,
                latestUserExceptions, latestSystemExceptions, oneMin, Map.of());
    }

    @JsonCreator
    public ReplicaStatusReport {
        userMetrics = userMetrics == null ? Map.of() : Map.copyOf(userMetrics);
    }

    /** One exception: a one-line description and when it happened. */
    public record ExceptionEntry(String message, long timestampMs) {
    }

    /** The same counts over the last minute. */
    public record Window(long received, long processed, long userExceptions, long systemExceptions,
                         Double avgProcessLatencyMs) {
    }
}
