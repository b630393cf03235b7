package dev.magnetar.bench.latency;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency recording, in milliseconds.
 *
 * @param count how many samples were recorded
 */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max) {
    static final double NANOS_PER_MS = 1_000_000.0;

    public static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            throw new IllegalArgumentException("no latency was recorded: nothing came back in the measured window");
        }
        return new LatencySummary(nanos.getTotalCount(), ms(nanos.getValueAtPercentile(50)),
                ms(nanos.getValueAtPercentile(90)), ms(nanos.getValueAtPercentile(99)),
                ms(nanos.getValueAtPercentile(99.9)), ms(nanos.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / NANOS_PER_MS;
    }
}
