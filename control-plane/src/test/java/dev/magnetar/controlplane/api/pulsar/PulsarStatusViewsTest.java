package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.protocol.ReplicaStatusReport.ExceptionEntry;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.api.pulsar.PulsarStatusViews.Instance;
import dev.magnetar.controlplane.service.FunctionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.common.policies.data.FunctionStatsImpl;
import org.apache.pulsar.common.policies.data.FunctionStatus;
import org.junit.jupiter.api.Test;


/** Replica reports become Pulsar's status and stats; the wire compatibility is in PulsarAdminCompatibilityIT. */
class PulsarStatusViewsTest {
    private final ReplicaStatusReport first = new ReplicaStatusReport(0, 10, 8, 2, 1, 4.0, 1_000,
            List.of(new ExceptionEntry("IllegalStateException: boom", 900)),
            List.of(new ExceptionEntry("publish failed: timeout", 950)),
            new ReplicaStatusReport.Window(3, 2, 1, 0, 3.0));
    private final ReplicaStatusReport second = new ReplicaStatusReport(1, 5, 5, 0, 0, 1.0, 2_000, List.of(), List.of(),
            new ReplicaStatusReport.Window(5, 5, 0, 0, 1.0),
            Map.of("user_metric_LetterCount_sum", 25.0, "user_metric_LetterCount_count", 5.0));
    private final List<Instance> instances = List.of(new Instance(0, true, "", 0, first),
            new Instance(1, true, "", 2, second), new Instance(2, false, "stopped", 0, ReplicaReports.none(2)));

    @Test
    void statusCarriesEachInstancesLatestExceptionsAndLastInvocation() {
        FunctionStatus status = PulsarStatusViews.status(instances);

        assertThat(status.getNumInstances()).isEqualTo(3);
        assertThat(status.getNumRunning()).isEqualTo(2);
        FunctionStatus.FunctionInstanceStatus.FunctionInstanceStatusData zero = status.getInstances().get(0).getStatus();
        assertThat(zero.getNumUserExceptions()).isEqualTo(2);
        assertThat(zero.getLatestUserExceptions()).singleElement().satisfies(e -> {
            assertThat(e.getExceptionString()).isEqualTo("IllegalStateException: boom");
            assertThat(e.getTimestampMs()).isEqualTo(900);
        });
        assertThat(zero.getNumSystemExceptions()).isEqualTo(1);
        assertThat(zero.getLatestSystemExceptions()).extracting("exceptionString").containsExactly("publish failed: timeout");
        assertThat(zero.getLastInvocationTime()).isEqualTo(1_000);
        assertThat(zero.getAverageLatency()).isEqualTo(4.0);
        assertThat(status.getInstances().get(2).getStatus().getLatestUserExceptions()).isEmpty();
        assertThat(status.getInstances().get(2).getStatus().getAverageLatency()).isZero();
    }

    @Test
    void statsAddUpTotalsAndLastMinutesWeightingLatencyByInvocations() {
        FunctionStatsImpl stats = PulsarStatusViews.stats(instances);

        assertThat(stats.getReceivedTotal()).isEqualTo(15);
        assertThat(stats.getProcessedSuccessfullyTotal()).isEqualTo(13);
        assertThat(stats.getUserExceptionsTotal()).isEqualTo(2);
        assertThat(stats.getSystemExceptionsTotal()).isEqualTo(1);
        assertThat(stats.getAvgProcessLatency()).isEqualTo((4.0 * 10 + 1.0 * 5) / 15);
        assertThat(stats.getLastInvocation()).isEqualTo(2_000);
        assertThat(stats.getOneMin().getReceivedTotal()).isEqualTo(8);
        assertThat(stats.getOneMin().getProcessedSuccessfullyTotal()).isEqualTo(7);
        assertThat(stats.getOneMin().getUserExceptionsTotal()).isEqualTo(1);
        assertThat(stats.getOneMin().getAvgProcessLatency()).isEqualTo((3.0 * 3 + 1.0 * 5) / 8);
        assertThat(stats.getInstances()).hasSize(3);
        assertThat(stats.getInstances().get(0).getMetrics().getOneMin().getReceivedTotal()).isEqualTo(3);
        assertThat(stats.getInstances().get(2).getMetrics().getLastInvocation()).isNull();
        assertThat(stats.getInstances().get(2).getMetrics().getAvgProcessLatency()).isNull();
        assertThat(stats.getInstances().get(0).getMetrics().getUserMetrics()).isEmpty();
        assertThat(stats.getInstances().get(1).getMetrics().getUserMetrics())
                .containsEntry("user_metric_LetterCount_sum", 25.0).containsEntry("user_metric_LetterCount_count", 5.0);
    }

    @Test
    void aReplicaThatDoesNotAnswerReportsNothing() {
        assertThat(ReplicaReports.read(4, "127.0.0.1", -1, "t")).isEmpty();
        assertThat(ReplicaReports.read(4, "127.0.0.1", 1, "t")).isEmpty();
    }

    @Test
    void aReadyPodCountsAsRunningAndOnlyLocalReplicasAreAskedForTheirReport() {
        Function definition = FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: fn}
                spec: {runtime: {className: a.B, jar: /x.jar}, inputs: [in], replicas: 3}
                """);
        FunctionState state = new FunctionState(3, List.of(
                new InstanceStatus(0, "RUNNING", 4242, 0, true, null, 9000),
                new InstanceStatus(1, "RUNNING", -1, 1, true, "OOMKilled", 8080),
                new InstanceStatus(2, "STARTING", 4343, 0, false, null, -1)), 0, null, null, null);
        List<Integer> asked = new ArrayList<>();

        List<Instance> instances = PulsarStatusViews.instances(definition, state, instance -> {
            asked.add(instance.instanceId());
            return first;
        });

        assertThat(instances).extracting(Instance::running).containsExactly(true, true, false);
        assertThat(asked).as("the local running replica only").containsExactly(0);
        assertThat(instances.get(1).report()).isEqualTo(ReplicaReports.none(1));
        assertThat(instances.get(1).error()).isEqualTo("OOMKilled");
    }
}
