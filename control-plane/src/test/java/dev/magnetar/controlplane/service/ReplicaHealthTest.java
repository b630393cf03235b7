package dev.magnetar.controlplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.gateway.http.FunctionHealth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only a function whose every replica is failing is answered 503; starting or stopped ones are waited for. */
class ReplicaHealthTest {
    private static final InstanceStatus READY = new InstanceStatus(0, "RUNNING", 10, 0, true, null, 9000);
    private static final InstanceStatus FIRST_START = new InstanceStatus(1, "STARTING", 11, 0, false, null, -1);
    private static final InstanceStatus STOPPED = new InstanceStatus(2, "STOPPED", -1, 0, false, null, -1);

    private static InstanceStatus failing(int id, String error) {
        return new InstanceStatus(id, ReplicaHealth.RESTARTING, -1, 3, false, error, -1);
    }

    @Test
    void everyReplicaFailingIsFailingWithTheirLastErrors() {
        FunctionHealth health = ReplicaHealth.of(List.of(failing(0, "exit code 2: boom"), failing(1, "exit code 2: boom"),
                STOPPED));

        assertThat(health.failing()).isTrue();
        assertThat(health.reason()).contains("every replica (2) is failing", "last error: exit code 2: boom")
                .doesNotContain("boom; exit code 2: boom");
    }

    @Test
    void aReadyOrStartingReplicaMeansCallsWait() {
        assertThat(ReplicaHealth.of(List.of(failing(0, "x"), READY))).isEqualTo(FunctionHealth.UNKNOWN);
        assertThat(ReplicaHealth.of(List.of(failing(0, "x"), FIRST_START))).isEqualTo(FunctionHealth.UNKNOWN);
    }

    @Test
    void noReplicaOnPurposeIsNotFailing() {
        assertThat(ReplicaHealth.of(List.of())).as("scaled to zero").isEqualTo(FunctionHealth.UNKNOWN);
        assertThat(ReplicaHealth.of(List.of(STOPPED))).as("stopped").isEqualTo(FunctionHealth.UNKNOWN);
    }
}
