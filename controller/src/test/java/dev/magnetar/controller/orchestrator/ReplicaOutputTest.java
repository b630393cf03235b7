package dev.magnetar.controller.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicaOutputTest {
    @Test
    void readsTheHttpPortFromTheReadyLine() {
        assertThat(ReplicaOutput.parseHttpPort("MAGNETAR_RUNTIME_READY instanceId=2 httpPort=41234")).isEqualTo(41234);
    }

    @Test
    void aReadyLineWithoutPortGivesMinusOne() {
        assertThat(ReplicaOutput.parseHttpPort("MAGNETAR_RUNTIME_READY instanceId=2")).isEqualTo(-1);
        assertThat(ReplicaOutput.parseHttpPort("MAGNETAR_RUNTIME_READY httpPort=x")).isEqualTo(-1);
    }
}
