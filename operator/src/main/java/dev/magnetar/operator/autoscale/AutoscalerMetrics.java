package dev.magnetar.operator.autoscale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The autoscaler's meters, tagged by function ({@code tenant/namespace/name}) and Kubernetes namespace:
 * {@value #DECISIONS} (changes of the count, tagged {@code direction} up or down) and {@value #DESIRED} (the count it
 * wants). A function no longer autoscaled loses its meters.
 */
final class AutoscalerMetrics {
    static final String DECISIONS = "magnetar.autoscaler.decisions";
    static final String DESIRED = "magnetar.autoscaler.desired.replicas";

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> desired = new HashMap<>();
    private final Map<String, List<Meter>> meters = new HashMap<>();

    AutoscalerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void decided(AutoscaledFunction function, int from, int to) {
        Counter counter = Counter.builder(DECISIONS).description("Changes of a function's replica count by the autoscaler")
                .tags(tags(function).and("direction", to > from ? "up" : "down")).register(registry);
        track(function.key(), counter);
        counter.increment();
    }

    void desired(AutoscaledFunction function, int replicas) {
        desired.computeIfAbsent(function.key(), key -> {
            AtomicInteger value = new AtomicInteger();
            track(key, Gauge.builder(DESIRED, value, AtomicInteger::get)
                    .description("The replica count the autoscaler wants for a function")
                    .tags(tags(function)).register(registry));
            return value;
        }).set(replicas);
    }

    /** Drops the meters of every function but {@code kept} (keys). */
    void retain(Set<String> kept) {
        for (String key : new ArrayList<>(meters.keySet())) {
            if (!kept.contains(key)) {
                meters.remove(key).forEach(registry::remove);
                desired.remove(key);
            }
        }
    }

    private void track(String key, Meter meter) {
        List<Meter> tracked = meters.computeIfAbsent(key, k -> new ArrayList<>());
        if (!tracked.contains(meter)) {
            tracked.add(meter);
        }
    }

    private static Tags tags(AutoscaledFunction function) {
        return Tags.of("function", function.resolved().fqfn(), "namespace", function.function().getMetadata().getNamespace());
    }
}
