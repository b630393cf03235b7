package dev.magnetar.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class KubeApiTestServerTest {

    @Test
    void measuresTheTimeLeftUntilMidnight() {
        assertThat(KubeApiTestServer.untilMidnight(LocalTime.of(23, 58))).isEqualTo(Duration.ofMinutes(2));
        assertThat(KubeApiTestServer.untilMidnight(LocalTime.MIDNIGHT)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void startsAtOnceWhenMidnightIsFarAway() {
        long started = System.nanoTime();
        KubeApiTestServer.waitUntilNoMidnightWithin(Duration.ofMinutes(4), () -> LocalTime.NOON);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void waitsForMidnightToPassWhenItFallsInsideTheStartUpWindow() {
        long started = System.nanoTime();
        KubeApiTestServer.waitUntilNoMidnightWithin(Duration.ofMinutes(4), () -> LocalTime.of(23, 59, 59, 500_000_000));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }
}
