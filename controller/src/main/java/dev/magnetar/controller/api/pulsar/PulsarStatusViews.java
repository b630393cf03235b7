package dev.magnetar.controller.api.pulsar;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.controller.api.pulsar.ReplicaMetrics.Counters;
import dev.magnetar.controller.orchestrator.InstanceStatus;
import dev.magnetar.controller.service.FunctionState;
import dev.magnetar.controller.service.StoppedReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.common.policies.data.FunctionInstanceStatsDataBaseImpl;
import org.apache.pulsar.common.policies.data.FunctionInstanceStatsDataImpl;
import org.apache.pulsar.common.policies.data.FunctionInstanceStatsImpl;
import org.apache.pulsar.common.policies.data.FunctionStatsImpl;
import org.apache.pulsar.common.policies.data.FunctionStatus;

/**
 * Pulsar's {@code FunctionStatus} and {@code FunctionStats} from what the orchestrator knows of each
 * replica and the counters the replica publishes. Counters restart at zero with each replica process.
 */
final class PulsarStatusViews {
    static final String WORKER_ID = "magnetar-control-plane";

    private PulsarStatusViews() {
    }

    /** One replica: what the orchestrator knows and what it counted. */
    record Instance(int instanceId, boolean running, String error, long restarts, Counters counters) {
    }

    /** Every instance of the function, including the stopped ones a stopped function will bring back. */
    static List<Instance> instances(Function definition, FunctionState state,
                                    java.util.function.Function<InstanceStatus, Counters> metrics) {
        List<Instance> out = new ArrayList<>();
        for (InstanceStatus instance : state.instances()) {
            boolean running = instance.pid() > 0 && instance.ready();
            String error = state.error() != null ? state.error()
                    : instance.lastError() != null ? instance.lastError() : "";
            out.add(new Instance(instance.instanceId(), running, error, instance.restarts(),
                    running ? metrics.apply(instance) : Counters.NONE));
        }
        int remembered = StoppedReplicas.remembered(definition).orElse(0);
        for (int id = out.size(); id < remembered; id++) {
            out.add(new Instance(id, false, "stopped: start the function to run it again", 0, Counters.NONE));
        }
        return out;
    }

    static FunctionStatus status(List<Instance> instances) {
        FunctionStatus status = new FunctionStatus();
        status.setNumInstances(instances.size());
        for (Instance instance : instances) {
            FunctionStatus.FunctionInstanceStatus.FunctionInstanceStatusData data =
                    new FunctionStatus.FunctionInstanceStatus.FunctionInstanceStatusData();
            data.setRunning(instance.running());
            data.setError(instance.error());
            data.setNumRestarts(instance.restarts());
            data.setNumReceived(instance.counters().received());
            data.setNumSuccessfullyProcessed(instance.counters().processed());
            data.setNumUserExceptions(instance.counters().failed());
            data.setLatestUserExceptions(List.of());
            data.setNumSystemExceptions(0);
            data.setLatestSystemExceptions(List.of());
            data.setAverageLatency(instance.counters().averageLatencyMs());
            data.setWorkerId(WORKER_ID);
            FunctionStatus.FunctionInstanceStatus one = new FunctionStatus.FunctionInstanceStatus();
            one.setInstanceId(instance.instanceId());
            one.setStatus(data);
            status.addInstance(one);
            if (instance.running()) {
                status.setNumRunning(status.getNumRunning() + 1);
            }
        }
        return status;
    }

    static FunctionStatsImpl stats(List<Instance> instances) {
        FunctionStatsImpl stats = new FunctionStatsImpl();
        stats.setOneMin(new FunctionInstanceStatsDataBaseImpl());
        double latencySum = 0;
        long latencyCount = 0;
        List<FunctionInstanceStatsImpl> perInstance = new ArrayList<>();
        for (Instance instance : instances) {
            Counters counters = instance.counters();
            FunctionInstanceStatsDataImpl data = new FunctionInstanceStatsDataImpl();
            data.setReceivedTotal(counters.received());
            data.setProcessedSuccessfullyTotal(counters.processed());
            data.setUserExceptionsTotal(counters.failed());
            data.setSystemExceptionsTotal(0);
            data.setAvgProcessLatency(counters.latencyCount() == 0 ? null : counters.averageLatencyMs());
            data.setOneMin(new FunctionInstanceStatsDataBaseImpl());
            data.setUserMetrics(Map.of());
            FunctionInstanceStatsImpl one = new FunctionInstanceStatsImpl();
            one.setInstanceId(instance.instanceId());
            one.setMetrics(data);
            perInstance.add(one);
            stats.setReceivedTotal(stats.getReceivedTotal() + counters.received());
            stats.setProcessedSuccessfullyTotal(stats.getProcessedSuccessfullyTotal() + counters.processed());
            stats.setUserExceptionsTotal(stats.getUserExceptionsTotal() + counters.failed());
            latencySum += counters.latencySum();
            latencyCount += counters.latencyCount();
        }
        stats.setInstances(perInstance);
        stats.setAvgProcessLatency(latencyCount == 0 ? null : latencySum * 1000 / latencyCount);
        return stats;
    }
}
