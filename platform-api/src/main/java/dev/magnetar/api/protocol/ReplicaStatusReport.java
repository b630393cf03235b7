package dev.magnetar.api.protocol;

import java.util.List;

/**
 * What a replica reports on {@code GET /status} of its HTTP port; the control plane turns it into
 * Pulsar's {@code FunctionStatus} and {@code FunctionStats}. Latencies in milliseconds (null when
 * nothing was processed), times in epoch milliseconds ({@code lastInvocationMs} 0 when the function
 * was never invoked). A user exception is one the function's code threw (or a timeout); a system
 * exception is the runtime's own failure around it.
 */
public record ReplicaStatusReport(int instanceId, long received, long processed, long userExceptions,
                                  long systemExceptions, Double avgProcessLatencyMs, long lastInvocationMs,
                                  List<ExceptionEntry> latestUserExceptions,
                                  List<ExceptionEntry> latestSystemExceptions, Window oneMin) {
    public static final String PATH = "/status";

    /** One exception: a one-line description and when it happened. */
    public record ExceptionEntry(String message, long timestampMs) {
    }

    /** The same counts over the last minute. */
    public record Window(long received, long processed, long userExceptions, long systemExceptions,
                         Double avgProcessLatencyMs) {
    }
}
