package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.replicas.ReplicaScaler.Autoscaled;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The CPU each standalone function's replicas use, in percent of the cores each asks for: the CPU time each ready
 * replica process spent since the last look, over the time passed. A replica first seen has no figure yet; a function
 * none of whose replicas has one has no utilization (null), and CPU then decides nothing.
 */
final class ReplicaCpu {
    /** A process's CPU time so far, and when it was read. */
    record Sample(long cpuNanos, long atNanos) {
    }

    private final FunctionReplicas replicas;
    private final LongFunction<Optional<Duration>> cpuTime;
    private final Map<Long, Sample> last = new HashMap<>();

    ReplicaCpu(FunctionReplicas replicas) {
        this(replicas, pid -> ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()));
    }

    ReplicaCpu(FunctionReplicas replicas, LongFunction<Optional<Duration>> cpuTime) {
        this.replicas = replicas;
        this.cpuTime = cpuTime;
    }

    /** Average utilization of {@code function}'s ready replicas since the last look, or null when unknown yet. */
    synchronized Double utilization(Autoscaled function, long nowNanos, Set<Long> seen) {
        double sum = 0;
        int measured = 0;
        for (InstanceStatus instance : replicas.status(function.function().fqfn())) {
            if (!instance.ready() || instance.pid() <= 0) {
                continue;
            }
            Optional<Duration> cpu = cpuTime.apply(instance.pid());
            if (cpu.isEmpty()) {
                continue;
            }
            seen.add(instance.pid());
            Sample now = new Sample(cpu.get().toNanos(), nowNanos);
            Sample before = last.put(instance.pid(), now);
            if (before != null && now.atNanos() > before.atNanos()) {
                sum += percent(before, now, function.coresEach());
                measured++;
            }
        }
        return measured == 0 ? null : sum / measured;
    }

    /** Forgets the processes not seen in the last look. */
    synchronized void keepOnly(Set<Long> seen) {
        last.keySet().retainAll(new HashSet<>(seen));
    }

    static double percent(Sample before, Sample now, double cores) {
        double used = Math.max(0, now.cpuNanos() - before.cpuNanos());
        return 100 * used / (now.atNanos() - before.atNanos()) / cores;
    }

    /** The utilization of every function in one look. */
    Map<String, Double> of(Iterable<Autoscaled> functions) {
        long now = System.nanoTime();
        Set<Long> seen = new HashSet<>();
        Map<String, Double> out = new HashMap<>();
        for (Autoscaled function : functions) {
            Double utilization = utilization(function, now, seen);
            if (utilization != null) {
                out.put(function.function().fqfn(), utilization);
            }
        }
        keepOnly(seen);
        return out;
    }
}
