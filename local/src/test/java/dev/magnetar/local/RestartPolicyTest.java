package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    private final RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60));

    @Test
    void delayDoublesPerConsecutiveFailureUpToTheCap() {
        assertThat(policy.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aQuickDeathCountsAnotherConsecutiveFailure() {
        assertThat(policy.failuresAfterExit(0, Duration.ofSeconds(2))).isEqualTo(1);
        assertThat(policy.failuresAfterExit(3, Duration.ofSeconds(2))).isEqualTo(4);
    }

    @Test
    void aReplicaThatRanStablyStartsTheBackOffAgain() {
        assertThat(policy.failuresAfterExit(7, Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(policy.delay(policy.failuresAfterExit(7, Duration.ofMinutes(10)))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusesAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("max PT1S is below the initial delay PT5S");
    }
}
