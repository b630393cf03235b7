package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.replicas.ReplicaScaler.Autoscaled;
import java.util.List;
import java.util.Map;

/** Reads the load of many functions at once: what the autoscaler decides from. */
public interface LoadObserver {
    /** One observation per function, by fully qualified name; a function missing from the answer was not seen. */
    Map<String, Observation> observe(List<Autoscaled> functions);
}
