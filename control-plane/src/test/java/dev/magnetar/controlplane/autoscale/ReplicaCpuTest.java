package dev.magnetar.controlplane.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.InstanceControl;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.replicas.ReplicaScaler.Autoscaled;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicaCpuTest {
    private final Map<Long, Duration> cpuTimes = new HashMap<>();
    private List<InstanceStatus> instances = List.of(ready(0, 101), ready(1, 102));
    private final ReplicaCpu cpu = new ReplicaCpu(new Replicas(), pid -> Optional.ofNullable(cpuTimes.get(pid)));
    private final Autoscaled function = autoscaled(0.5);

    private static InstanceStatus ready(int instanceId, long pid) {
        return new InstanceStatus(instanceId, "RUNNING", pid, 0, true, null, 9000 + instanceId);
    }

    private static Autoscaled autoscaled(double cores) {
        Function definition = FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: fn}
                spec:
                  runtime: {className: a.B, jar: /x.jar}
                  inputs: [in]
                """);
        definition.getSpec().setAutoscaling(new AutoscalingSpec(1, 4, null, null, 50, null, null, null, null));
        return new Autoscaled(ResolvedFunction.of(definition), ScalingPolicy.of(definition).orElseThrow(), 2, cores);
    }

    @Test
    void aReplicaFirstSeenHasNoFigureYet() {
        cpuTimes.put(101L, Duration.ofMillis(100));

        assertThat(cpu.utilization(function, 0, new HashSet<>())).isNull();
    }

    @Test
    void utilizationIsCpuTimeOverTimePassedAndTheCoresAskedForAveragedOverReplicas() {
        cpuTimes.put(101L, Duration.ofMillis(100));
        cpuTimes.put(102L, Duration.ofMillis(100));
        cpu.utilization(function, 0, new HashSet<>());

        cpuTimes.put(101L, Duration.ofMillis(600)); // 0.5 s of CPU in 1 s on half a core: 100%
        cpuTimes.put(102L, Duration.ofMillis(200)); // 0.1 s: 20%
        Double utilization = cpu.utilization(function, Duration.ofSeconds(1).toNanos(), new HashSet<>());

        assertThat(utilization).isCloseTo(60.0, within(0.001));
    }

    @Test
    void replicasNotReadyOrGoneCountNothing() {
        cpuTimes.put(101L, Duration.ofMillis(100));
        cpu.utilization(function, 0, new HashSet<>());
        instances = List.of(new InstanceStatus(0, "STARTING", 101, 0, false, null, 9000));
        cpuTimes.put(101L, Duration.ofMillis(900));

        assertThat(cpu.utilization(function, Duration.ofSeconds(1).toNanos(), new HashSet<>())).isNull();
    }

    private final class Replicas implements FunctionReplicas {
        @Override
        public List<Violation> preflight(Function definition, ResolvedFunction function) {
            return List.of();
        }

        @Override
        public void apply(Function definition, ResolvedFunction function) {
        }

        @Override
        public void remove(Function definition) {
        }

        @Override
        public void restart(String fqfn) {
        }

        @Override
        public List<InstanceStatus> status(String fqfn) {
            return instances;
        }

        @Override
        public InstanceControl instances() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
