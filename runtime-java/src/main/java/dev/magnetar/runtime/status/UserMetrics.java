package dev.magnetar.runtime.status;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values a function recorded with {@code Context.recordMetric}: one summary per name, on {@code /metrics} as
 * {@code magnetar_user_metric{name=...}} and in the function's stats as Pulsar's stats name them,
 * {@code user_metric_<name>_sum}, {@code _count} and the quantiles {@code _0.5}, {@code _0.9}, {@code _0.99},
 * {@code _0.999}. Sum and count run since the replica started; the quantiles cover the last ten minutes, as the
 * summary of Pulsar's instance does.
 */
public final class UserMetrics {
    static final String PREFIX = "user_metric_";
    /** Pulsar's instance reports these quantiles of every user metric. */
    static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};
    private static final String METER = "magnetar.user.metric";

    private final MeterRegistry registry;
    private final Tags tags;
    private final Map<String, DistributionSummary> byName = new ConcurrentHashMap<>();

    /** Summaries registered in {@code registry}, each with {@code tags} and its name. */
    public UserMetrics(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    /** Summaries kept for the stats alone. */
    public UserMetrics() {
        this(new SimpleMeterRegistry(), Tags.empty());
    }

    void record(String name, double value) {
        byName.computeIfAbsent(name, this::summary).record(value);
    }

    private DistributionSummary summary(String name) {
        return DistributionSummary.builder(METER).description("Values the function recorded with recordMetric")
                .tags(tags).tag("name", name)
                .publishPercentiles(QUANTILES)
                // Two significant digits: the default one would report 120 for values near 125.
                .percentilePrecision(2)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .distributionStatisticBufferLength(5)
                .register(registry);
    }

    /** Each name's sum, count and quantiles; read while others record, so a sum may hold a value its count does not. */
    Map<String, Double> snapshot() {
        Map<String, Double> out = new TreeMap<>();
        byName.forEach((name, summary) -> {
            HistogramSnapshot snapshot = summary.takeSnapshot();
            String prefix = PREFIX + name + "_";
            out.put(prefix + "sum", snapshot.total());
            out.put(prefix + "count", (double) snapshot.count());
            for (ValueAtPercentile quantile : snapshot.percentileValues()) {
                out.put(prefix + quantile.percentile(), quantile.value());
            }
        });
        return out;
    }
}
