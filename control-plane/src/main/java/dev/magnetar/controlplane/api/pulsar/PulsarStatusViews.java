package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.protocol.ReplicaStatusReport.ExceptionEntry;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.controlplane.service.FunctionState;
import dev.magnetar.controlplane.service.StoppedReplicas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.pulsar.common.policies.data.ExceptionInformation;
import org.apache.pulsar.common.policies.data.FunctionInstanceStatsDataBaseImpl;
import org.apache.pulsar.common.policies.data.FunctionInstanceStatsDataImpl;
import org.apache.pulsar.common.policies.data.FunctionInstanceStatsImpl;
import org.apache.pulsar.common.policies.data.FunctionStatsImpl;
import org.apache.pulsar.common.policies.data.FunctionStatus;

/**
 * Pulsar's {@code FunctionStatus} and {@code FunctionStats} from what the replicas' mode knows of each
 * replica and the report the replica gives on its {@code /status}.
 */
final class PulsarStatusViews {
    static final String WORKER_ID = "magnetar-control-plane";

    private PulsarStatusViews() {
    }

    /** One replica: what its mode knows of it and what the replica reported. */
    record Instance(int instanceId, boolean running, String error, long restarts, ReplicaStatusReport report) {
    }

    /** Every instance of the function, including the stopped ones a stopped function will bring back. */
    static List<Instance> instances(Function definition, FunctionState state,
                                    java.util.function.Function<InstanceStatus, ReplicaStatusReport> reports) {
        List<Instance> out = new ArrayList<>();
        for (InstanceStatus instance : state.instances()) {
            // By state, not by pid: a pod on Kubernetes has no pid here.
            boolean running = "RUNNING".equals(instance.state()) && instance.ready();
            String error = state.error() != null ? state.error()
                    : instance.lastError() != null ? instance.lastError() : "";
            // Only a local replica's port is reachable on 127.0.0.1; a pod's report is not read yet.
            boolean local = instance.pid() > 0;
            out.add(new Instance(instance.instanceId(), running, error, instance.restarts(),
                    running && local ? reports.apply(instance) : ReplicaReports.none(instance.instanceId())));
        }
        int remembered = StoppedReplicas.remembered(definition).orElse(0);
        for (int id = out.size(); id < remembered; id++) {
            out.add(new Instance(id, false, "stopped: start the function to run it again", 0, ReplicaReports.none(id)));
        }
        return out;
    }

    static FunctionStatus status(List<Instance> instances) {
        FunctionStatus status = new FunctionStatus();
        status.setNumInstances(instances.size());
        for (Instance instance : instances) {
            ReplicaStatusReport report = instance.report();
            FunctionStatus.FunctionInstanceStatus.FunctionInstanceStatusData data =
                    new FunctionStatus.FunctionInstanceStatus.FunctionInstanceStatusData();
            data.setRunning(instance.running());
            data.setError(instance.error());
            data.setNumRestarts(instance.restarts());
            data.setNumReceived(report.received());
            data.setNumSuccessfullyProcessed(report.processed());
            data.setNumUserExceptions(report.userExceptions());
            data.setLatestUserExceptions(exceptions(report.latestUserExceptions()));
            data.setNumSystemExceptions(report.systemExceptions());
            data.setLatestSystemExceptions(exceptions(report.latestSystemExceptions()));
            data.setAverageLatency(report.avgProcessLatencyMs() == null ? 0 : report.avgProcessLatencyMs());
            data.setLastInvocationTime(report.lastInvocationMs());
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
        List<FunctionInstanceStatsImpl> perInstance = new ArrayList<>();
        List<ReplicaStatusReport> reports = instances.stream().map(Instance::report).toList();
        for (ReplicaStatusReport report : reports) {
            FunctionInstanceStatsDataImpl data = new FunctionInstanceStatsDataImpl();
            fill(data, report.received(), report.processed(), report.userExceptions(), report.systemExceptions(),
                    report.avgProcessLatencyMs());
            data.setOneMin(window(List.of(report.oneMin())));
            data.setLastInvocation(report.lastInvocationMs() == 0 ? null : report.lastInvocationMs());
            data.setUserMetrics(new LinkedHashMap<>(report.userMetrics()));
            FunctionInstanceStatsImpl one = new FunctionInstanceStatsImpl();
            one.setInstanceId(report.instanceId());
            one.setMetrics(data);
            perInstance.add(one);
        }
        FunctionStatsImpl stats = new FunctionStatsImpl();
        stats.setReceivedTotal(reports.stream().mapToLong(ReplicaStatusReport::received).sum());
        stats.setProcessedSuccessfullyTotal(reports.stream().mapToLong(ReplicaStatusReport::processed).sum());
        stats.setUserExceptionsTotal(reports.stream().mapToLong(ReplicaStatusReport::userExceptions).sum());
        stats.setSystemExceptionsTotal(reports.stream().mapToLong(ReplicaStatusReport::systemExceptions).sum());
        stats.setAvgProcessLatency(weightedLatency(reports.stream().map(r -> new Latency(r.avgProcessLatencyMs(),
                r.processed() + r.userExceptions())).toList()));
        stats.setOneMin(window(reports.stream().map(ReplicaStatusReport::oneMin).toList()));
        long last = reports.stream().mapToLong(ReplicaStatusReport::lastInvocationMs).max().orElse(0);
        stats.setLastInvocation(last == 0 ? null : last);
        stats.setInstances(perInstance);
        return stats;
    }

    /** The windows of several instances added up. */
    private static FunctionInstanceStatsDataBaseImpl window(List<ReplicaStatusReport.Window> windows) {
        FunctionInstanceStatsDataBaseImpl sum = new FunctionInstanceStatsDataBaseImpl();
        fill(sum, windows.stream().mapToLong(ReplicaStatusReport.Window::received).sum(),
                windows.stream().mapToLong(ReplicaStatusReport.Window::processed).sum(),
                windows.stream().mapToLong(ReplicaStatusReport.Window::userExceptions).sum(),
                windows.stream().mapToLong(ReplicaStatusReport.Window::systemExceptions).sum(),
                weightedLatency(windows.stream().map(w -> new Latency(w.avgProcessLatencyMs(),
                        w.processed() + w.userExceptions())).toList()));
        return sum;
    }

    private static void fill(FunctionInstanceStatsDataBaseImpl data, long received, long processed,
                             long userExceptions, long systemExceptions, Double avgLatencyMs) {
        data.setReceivedTotal(received);
        data.setProcessedSuccessfullyTotal(processed);
        data.setUserExceptionsTotal(userExceptions);
        data.setSystemExceptionsTotal(systemExceptions);
        data.setAvgProcessLatency(avgLatencyMs);
    }

    /** An average latency and how many invocations it is the average of. */
    private record Latency(Double averageMs, long count) {
    }

    /** Each instance's average weighted by its invocations; null when none timed any. */
    private static Double weightedLatency(List<Latency> latencies) {
        double sum = 0;
        long count = 0;
        for (Latency latency : latencies) {
            if (latency.averageMs() != null && latency.count() > 0) {
                sum += latency.averageMs() * latency.count();
                count += latency.count();
            }
        }
        return count == 0 ? null : sum / count;
    }

    private static List<ExceptionInformation> exceptions(List<ExceptionEntry> entries) {
        return entries.stream().map(entry -> {
            ExceptionInformation info = new ExceptionInformation();
            info.setExceptionString(entry.message());
            info.setTimestampMs(entry.timestampMs());
            return info;
        }).toList();
    }
}
