package dev.magnetar.operator.autoscale;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.protocol.ReplicaStatusReader;
import dev.magnetar.api.protocol.ReplicaStatusReader.Address;
import dev.magnetar.controlplane.autoscale.Observation;
import dev.magnetar.operator.resources.ChildMetadata;
import dev.magnetar.security.replica.ReplicaAccess;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Another observer's view of each function, with the work its replicas hold: every ready pod's {@code /status}, at
 * the pod's IP and the runtime's HTTP port, read all at once within one short timeout ({@link ReplicaStatusReader},
 * as the admin API reads it), after one list of the pods per namespace. A pod that does not answer is unheard: its
 * work is unknown, not zero, and it is logged when it stops answering and when it answers again, not at every tick.
 */
public final class ReplicaWorkObserver implements LoadObserver {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaWorkObserver.class);

    /** What a function's pods said: the work of those that answered, and how many did not. */
    private record Work(int inFlight, int unheard) {
        Work plus(Work other) {
            return new Work(inFlight + other.inFlight, unheard + other.unheard);
        }
    }

    private final LoadObserver base;
    private final KubernetesClient client;
    private final ReplicaAccess access;
    private final int httpPort;
    private final ReplicaStatusReader reader;
    private final Set<String> silent = new HashSet<>();
    private final Set<String> unlisted = new HashSet<>();

    /**
     * @param base     what else is observed (Pulsar's backlog and rates)
     * @param httpPort the runtime's HTTP port in every pod
     * @param reader   with the timeout each look gives the pods, well under the autoscaler's interval
     */
    public ReplicaWorkObserver(LoadObserver base, KubernetesClient client, ReplicaAccess access, int httpPort,
                               ReplicaStatusReader reader) {
        this.base = base;
        this.client = client;
        this.access = access;
        this.httpPort = httpPort;
        this.reader = reader;
    }

    @Override
    public Map<String, Observation> observe(List<AutoscaledFunction> functions) {
        Map<String, Observation> seen = new HashMap<>(base.observe(functions));
        Map<String, Work> work = new HashMap<>();
        Map<String, Address> asked = new HashMap<>();
        Map<String, String> functionOf = new HashMap<>();
        podsByNamespace(functions, work).forEach((function, pods) -> {
            String token = access.tokenFor(function.resolved().fqfn());
            for (Pod pod : pods) {
                String podKey = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
                asked.put(podKey, new Address(pod.getStatus().getPodIP(), httpPort, token));
                functionOf.put(podKey, function.key());
            }
        });
        ReplicaStatusReader.Answers<String> answers = reader.readAll(asked);
        answers.reports().forEach((pod, report) -> {
            work.merge(functionOf.get(pod), new Work(ReplicaStatusReader.inFlight(report), 0), Work::plus);
            if (silent.remove(pod)) {
                LOG.info("Pod {} of function {} reports its work in progress again", pod, functionOf.get(pod));
            }
        });
        answers.failures().forEach((pod, reason) -> {
            work.merge(functionOf.get(pod), new Work(0, 1), Work::plus);
            if (silent.add(pod)) {
                LOG.warn("Pod {} of function {} did not report its work in progress ({}); it counts as unknown until"
                        + " it answers", pod, functionOf.get(pod), reason);
            }
        });
        silent.retainAll(asked.keySet());
        for (AutoscaledFunction function : functions) {
            Work found = work.get(function.key());
            Observation observed = seen.getOrDefault(function.key(), new Observation(null, 0, 0, 0, 0, null, false));
            if (found != null) {
                seen.put(function.key(), observed.withReplicas(found.inFlight(), found.unheard()));
            }
        }
        return seen;
    }

    /**
     * The ready pods of each function with replicas, one list per namespace; a namespace whose pods cannot be listed
     * makes each of its functions' replicas unheard ({@code work}).
     */
    private Map<AutoscaledFunction, List<Pod>> podsByNamespace(List<AutoscaledFunction> functions, Map<String, Work> work) {
        Map<String, List<AutoscaledFunction>> byNamespace = new LinkedHashMap<>();
        for (AutoscaledFunction function : functions) {
            if (function.current() > 0) {
                byNamespace.computeIfAbsent(function.function().getMetadata().getNamespace(), ns -> new ArrayList<>())
                        .add(function);
                work.put(function.key(), new Work(0, 0));
            }
        }
        Map<AutoscaledFunction, List<Pod>> pods = new LinkedHashMap<>();
        byNamespace.forEach((namespace, inNamespace) -> {
            List<Pod> listed;
            try {
                listed = client.pods().inNamespace(namespace).withLabel(FunctionNames.LABEL_MANAGED_BY,
                        FunctionNames.MANAGER).list().getItems();
                if (unlisted.remove(namespace)) {
                    LOG.info("The pods of namespace {} are listed again", namespace);
                }
            } catch (KubernetesClientException e) {
                if (unlisted.add(namespace)) {
                    LOG.warn("Could not list the pods of namespace {}: their work in progress is unknown until they"
                            + " can be: {}", namespace, e.getMessage());
                }
                inNamespace.forEach(function -> work.put(function.key(), new Work(0, function.current())));
                return;
            }
            for (AutoscaledFunction function : inNamespace) {
                Map<String, String> selector = ChildMetadata.selector(function.resolved());
                pods.put(function, listed.stream().filter(pod -> ready(pod) && pod.getMetadata().getLabels() != null
                        && pod.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList());
            }
        });
        return pods;
    }

    /** Ready and not on its way out: a pod the Service sends calls to and the subscription delivers to. */
    static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }
}
