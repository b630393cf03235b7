package dev.magnetar.runtime.status;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The values a function recorded with {@code Context.recordMetric}, summed and counted per name since the replica
 * started, and shown as Pulsar's function stats show them: {@code user_metric_<name>_sum} and
 * {@code user_metric_<name>_count}.
 */
final class UserMetrics {
    static final String PREFIX = "user_metric_";

    private final Map<String, Summary> byName = new ConcurrentHashMap<>();

    void record(String name, double value) {
        Summary summary = byName.computeIfAbsent(name, n -> new Summary());
        summary.sum.add(value);
        summary.count.increment();
    }

    /** Sum and count of each name; read while others record, so a sum may hold a value its count does not yet. */
    Map<String, Double> snapshot() {
        Map<String, Double> out = new TreeMap<>();
        byName.forEach((name, summary) -> {
            out.put(PREFIX + name + "_sum", summary.sum.sum());
            out.put(PREFIX + name + "_count", (double) summary.count.sum());
        });
        return out;
    }

    private static final class Summary {
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();
    }
}
