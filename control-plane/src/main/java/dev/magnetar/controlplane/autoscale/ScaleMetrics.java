package dev.magnetar.controlplane.autoscale;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The autoscaler's metrics, per function: {@code magnetar_autoscaler_decisions_total} (by direction, up or down),
 * {@code magnetar_autoscaler_desired_replicas} and {@code magnetar_subscription_backlog} as last observed.
 */
public final class ScaleMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> desired = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();

    public ScaleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void scaled(String fqfn, int from, int to) {
        registry.counter("magnetar.autoscaler.decisions", Tags.of("function", fqfn, "direction", to > from ? "up" : "down"))
                .increment();
    }

    void desired(String fqfn, int replicas, Long seenBacklog) {
        gauge(desired, "magnetar.autoscaler.desired.replicas", fqfn).set(replicas);
        if (seenBacklog != null) {
            gauge(backlog, "magnetar.subscription.backlog", fqfn).set(seenBacklog);
        }
    }

    /** Drops the gauges of a function no longer autoscaled here. */
    void forget(String fqfn) {
        for (String name : List.of("magnetar.autoscaler.desired.replicas", "magnetar.subscription.backlog")) {
            Gauge gauge = registry.find(name).tag("function", fqfn).gauge();
            if (gauge != null) {
                registry.remove(gauge);
            }
        }
        desired.remove(fqfn);
        backlog.remove(fqfn);
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String fqfn) {
        return values.computeIfAbsent(fqfn, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tags("function", key).register(registry);
            return value;
        });
    }
}
