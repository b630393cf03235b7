package dev.magnetar.operator.autoscale;

import dev.magnetar.controlplane.autoscale.Observation;
import java.util.List;
import java.util.Map;

/** Sees how busy functions are; one call per autoscaler tick covers all of them. */
public interface LoadObserver {
    /**
     * What was seen of each function, by {@link AutoscaledFunction#key()}; a function left out, or with a null
     * backlog, could not be observed (the autoscaler then never scales it down).
     */
    Map<String, Observation> observe(List<AutoscaledFunction> functions);
}
