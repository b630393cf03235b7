package dev.magnetar.bench.latency;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Records latencies from the <em>intended</em> send time: under open-loop load a sender that falls
 * behind still charges every message the time since it should have left, which corrects for
 * coordinated omission (a stalled system cannot hide its stall by slowing the sender down).
 * Thread-safe: the receiving threads record concurrently.
 */
public final class LatencyRecorder {
    /** Latencies above a minute are clamped: the run has failed long before that. */
    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);

    /** Records {@code receivedNanos - intendedNanos}; a negative value (clock misuse) counts as 0. */
    public synchronized void record(long intendedNanos, long receivedNanos) {
        long latency = Math.max(0, receivedNanos - intendedNanos);
        histogram.recordValue(Math.min(latency, HIGHEST_NANOS));
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    public synchronized LatencySummary summary() {
        return LatencySummary.of(histogram);
    }

    /** The percentile curve for charts: (percentile, ms) pairs at the given percentiles. */
    public synchronized double[][] curve(double... percentiles) {
        double[][] points = new double[percentiles.length][];
        for (int i = 0; i < percentiles.length; i++) {
            points[i] = new double[] {percentiles[i], histogram.getValueAtPercentile(percentiles[i]) / LatencySummary.NANOS_PER_MS};
        }
        return points;
    }
}
