package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.protocol.ReplicaStatusReader;
import dev.magnetar.api.protocol.ReplicaStatusReader.Address;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.security.replica.ReplicaAccess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages and calls each function's replicas are working on, read from every ready replica's {@code /status}
 * at once ({@link ReplicaStatusReader}). A replica that does not answer in time is unheard: its work is unknown, not
 * zero, and it is logged when it stops answering, not at every look.
 */
final class ReplicaInFlight {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaInFlight.class);
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    /** A function's replicas' work: the sum of those that answered, and how many did not. */
    record Held(int inFlight, int unheard) {
    }

    /** One replica of one function. */
    private record Replica(String fqfn, int instanceId) {
    }

    private final FunctionReplicas replicas;
    private final ReplicaAccess access;
    private final ReplicaStatusReader reader = new ReplicaStatusReader(TIMEOUT);
    private final Set<Replica> silent = ConcurrentHashMap.newKeySet();

    ReplicaInFlight(FunctionReplicas replicas, ReplicaAccess access) {
        this.replicas = replicas;
        this.access = access;
    }

    /** Work in progress by function, for every function in {@code fqfns}. */
    Map<String, Held> of(List<String> fqfns) {
        Map<Replica, Address> asked = new HashMap<>();
        for (String fqfn : fqfns) {
            String token = access.tokenFor(fqfn);
            for (InstanceStatus instance : replicas.status(fqfn)) {
                Address address = new Address(instance.host(), instance.httpPort(), token);
                if (instance.ready() && address.known()) {
                    asked.put(new Replica(fqfn, instance.instanceId()), address);
                }
            }
        }
        ReplicaStatusReader.Answers<Replica> answers = reader.readAll(asked);
        Map<String, Held> held = new HashMap<>();
        for (String fqfn : fqfns) {
            held.put(fqfn, new Held(0, 0));
        }
        answers.reports().forEach((replica, report) -> {
            held.merge(replica.fqfn(), new Held(ReplicaStatusReader.inFlight(report), 0), ReplicaInFlight::sum);
            if (silent.remove(replica)) {
                LOG.info("replica {} of {} answers again", replica.instanceId(), replica.fqfn());
            }
        });
        answers.failures().forEach((replica, reason) -> {
            held.merge(replica.fqfn(), new Held(0, 1), ReplicaInFlight::sum);
            if (silent.add(replica)) {
                LOG.warn("replica {} of {} did not report its work in progress ({}); it counts as unknown until it"
                        + " answers", replica.instanceId(), replica.fqfn(), reason);
            }
        });
        silent.removeIf(replica -> !asked.containsKey(replica));
        return held;
    }

    private static Held sum(Held a, Held b) {
        return new Held(a.inFlight() + b.inFlight(), a.unheard() + b.unheard());
    }
}
