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
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong userExceptions = new AtomicLong();
    private final AtomicLong systemExceptions = new AtomicLong();
    private final AtomicLong latencySumNanos = new AtomicLong();
    private final AtomicLong latencyCount = new AtomicLong();
    private final AtomicLong lastInvocationMs = new AtomicLong();
    private final OneMinuteWindow oneMinute;
    private final RecentExceptions latestUserExceptions = new RecentExceptions(RecentExceptions.DEFAULT_CAPACITY);
    private final RecentExceptions latestSystemExceptions = new RecentExceptions(RecentExceptions.DEFAULT_CAPACITY);

    public InstanceActivity(int instanceId, LongSupplier clockMs) {
        this.instanceId = instanceId;
        this.clockMs = clockMs;
        this.oneMinute = new OneMinuteWindow(clockMs);
    }

    public void received() {
        received.incrementAndGet();
        oneMinute.received();
    }

    /** The function is called now. A release store: readers need it soon, not before the caller goes on. */
    public void invoked() {
        lastInvocationMs.setRelease(clockMs.getAsLong());
    }

    public void processed(long latencyNanos) {
        processed.incrementAndGet();
        latency(latencyNanos);
        oneMinute.processed(latencyNanos);
    }

    public void userException(long latencyNanos, String description) {
        userExceptions.incrementAndGet();
        latency(latencyNanos);
        oneMinute.userException(latencyNanos);
        latestUserExceptions.record(description, clockMs.getAsLong());
    }

    public void systemException(String description) {
        systemExceptions.incrementAndGet();
        oneMinute.systemException();
        latestSystemExceptions.record(description, clockMs.getAsLong());
    }

    private void latency(long nanos) {
        latencySumNanos.addAndGet(nanos);
        latencyCount.incrementAndGet();
    }

    /** Messages taken from the subscription since start. */
    public long receivedCount() {
        return received.get();
    }

    /** Messages processed successfully since start. */
    public long processedCount() {
        return processed.get();
    }

    public ReplicaStatusReport report() {
        long count = latencyCount.get();
        OneMinuteWindow.Counts minute = oneMinute.lastMinute();
        return new ReplicaStatusReport(instanceId, received.get(), processed.get(), userExceptions.get(),
                systemExceptions.get(), count == 0 ? null : latencySumNanos.get() / 1e6 / count,
                lastInvocationMs.get(), latestUserExceptions.snapshot(), latestSystemExceptions.snapshot(),
                new ReplicaStatusReport.Window(minute.received(), minute.processed(), minute.userExceptions(),
                        minute.systemExceptions(), minute.averageLatencyMs()));
    }
}
