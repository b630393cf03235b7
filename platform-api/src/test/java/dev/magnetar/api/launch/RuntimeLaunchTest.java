package dev.magnetar.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeLaunchTest {
    @Test
    void readsTheHttpPortFromTheReadyLine() {
        assertThat(RuntimeLaunch.httpPort("MAGNETAR_RUNTIME_READY instanceId=2 httpPort=41234")).isEqualTo(41234);
    }

    @Test
    void aReadyLineWithoutPortGivesMinusOne() {
        assertThat(RuntimeLaunch.httpPort("MAGNETAR_RUNTIME_READY instanceId=2")).isEqualTo(-1);
        assertThat(RuntimeLaunch.httpPort("MAGNETAR_RUNTIME_READY httpPort=x")).isEqualTo(-1);
    }

    @Test
    void theReadyLineTheRuntimePrintsIsTheOneLaunchersRead() {
        String line = RuntimeLaunch.readyLine(3, 40123);
        assertThat(RuntimeLaunch.isReadyLine(line)).isTrue();
        assertThat(RuntimeLaunch.httpPort(line)).isEqualTo(40123);
    }

    @Test
    void theWaitingLineOfAPooledJvmIsNoReadyLine() {
        assertThat(RuntimeLaunch.isWaitingLine(RuntimeLaunch.WAITING)).isTrue();
        assertThat(RuntimeLaunch.isReadyLine(RuntimeLaunch.WAITING)).isFalse();
        assertThat(RuntimeLaunch.isWaitingLine(RuntimeLaunch.readyLine(0, 1))).isFalse();
    }
}
