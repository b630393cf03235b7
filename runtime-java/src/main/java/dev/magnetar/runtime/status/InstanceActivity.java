package dev.magnetar.runtime.status;

import dev.magnetar.api.protocol.ReplicaStatusReport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What this replica did, as Pulsar's function status and stats report it: totals since start, the
 * last minute, the latest user and system exceptions, and when the function was last invoked.
 * A user exception is one the function's code threw (or a timeout); a system exception is the
 * runtime's own failure around it (an input it cannot decode, an output the broker refused).
 */
public final class InstanceActivity {
    private final int instanceId;
    private final LongSupplier clockMs;
    /** Read without the lock: written once per invocation, and a reader needs it soon, not at once. */
    private final AtomicLong lastInvocationMs = new AtomicLong();
    private final RecentExceptions latestUserExceptions = new RecentExceptions(RecentExceptions.DEFAULT_CAPACITY);
    private final RecentExceptions latestSystemExceptions = new RecentExceptions(RecentExceptions.DEFAULT_CAPACITY);
    private final UserMetrics userMetrics;
    // One lock guards the totals and the window: one uncontended lock per message event where separate atomic
    // counters beside the window's lock had cost four to six atomic operations per message.
    private final OneMinuteWindow oneMinute;
    private long received;
    private long processed;
    private long userExceptions;
    private long systemExceptions;
    private long latencySumNanos;

    public InstanceActivity(int instanceId, LongSupplier clockMs) {
        this(instanceId, clockMs, new UserMetrics());
    }

    public InstanceActivity(int instanceId, LongSupplier clockMs, UserMetrics userMetrics) {
        this.instanceId = instanceId;
        this.clockMs = clockMs;
        this.userMetrics = userMetrics;
        this.oneMinute = new OneMinuteWindow(clockMs);
    }

    public synchronized void received() {
        received++;
        oneMinute.received();
    }

    /** The function is called now. A release store: readers need it soon, not before the caller goes on. */
    public void invoked() {
        lastInvocationMs.setRelease(clockMs.getAsLong());
    }

    public synchronized void processed(long latencyNanos) {
        processed++;
        latencySumNanos += latencyNanos;
        oneMinute.processed(latencyNanos);
    }

    public void userException(long latencyNanos, String description) {
        synchronized (this) {
            userExceptions++;
            latencySumNanos += latencyNanos;
            oneMinute.userException(latencyNanos);
        }
        latestUserExceptions.record(description, clockMs.getAsLong());
    }

    /** {@code Context.recordMetric}. */
    public void userMetric(String name, double value) {
        userMetrics.record(name, value);
    }

    public void systemException(String description) {
        synchronized (this) {
            systemExceptions++;
            oneMinute.systemException();
        }
        latestSystemExceptions.record(description, clockMs.getAsLong());
    }

    /** Messages taken from the subscription since start. */
    public synchronized long receivedCount() {
        return received;
    }

    /** Messages processed successfully since start. */
    public synchronized long processedCount() {
        return processed;
    }

    public ReplicaStatusReport report() {
        long received;
        long processed;
        long userExceptions;
        long systemExceptions;
        long latencySumNanos;
        OneMinuteWindow.Counts minute;
        synchronized (this) {
            received = this.received;
            processed = this.processed;
            userExceptions = this.userExceptions;
            systemExceptions = this.systemExceptions;
            latencySumNanos = this.latencySumNanos;
            minute = oneMinute.lastMinute();
        }
        // Every processed message and every user exception had its latency recorded.
        long timed = processed + userExceptions;
        return new ReplicaStatusReport(instanceId, received, processed, userExceptions, systemExceptions,
                timed == 0 ? null : latencySumNanos / 1e6 / timed, lastInvocationMs.get(),
                latestUserExceptions.snapshot(), latestSystemExceptions.snapshot(),
                new ReplicaStatusReport.Window(minute.received(), minute.processed(), minute.userExceptions(),
                        minute.systemExceptions(), minute.averageLatencyMs()), userMetrics.snapshot());
    }
}
