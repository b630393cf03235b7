package dev.magnetar.operator.testing;

import dev.magnetar.controlplane.autoscale.Observation;
import dev.magnetar.operator.autoscale.AutoscaledFunction;
import dev.magnetar.operator.autoscale.LoadObserver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads the test sets: a backlog per function ({@code namespace/name}); idle unless told otherwise. */
public final class FakeLoadObserver implements LoadObserver {
    private final Map<String, Observation> loads = new ConcurrentHashMap<>();

    /** {@code backlog} null: the function cannot be observed. */
    public void backlog(String namespace, String name, Long backlog) {
        loads.put(namespace + "/" + name, new Observation(backlog, 0, 0, 0, 0, null, false));
    }

    @Override
    public Map<String, Observation> observe(List<AutoscaledFunction> functions) {
        Map<String, Observation> seen = new HashMap<>();
        for (AutoscaledFunction function : functions) {
            seen.put(function.key(), loads.getOrDefault(function.key(), Observation.idle()));
        }
        return seen;
    }
}
