package dev.magnetar.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadDriverTest {

    @Test
    void closedLoopMakesWarmUpPlusMeasuredCallsAndCountsFailures() {
        AtomicInteger calls = new AtomicInteger();
        LoadDriver.Outcome outcome = LoadDriver.closedLoop(() -> calls.incrementAndGet() % 5 == 0
                ? CompletableFuture.failedFuture(new IllegalStateException("no")) : CompletableFuture.completedFuture("ok"), 3, 20);
        assertThat(calls.get()).isEqualTo(23);
        assertThat(outcome.sent()).isEqualTo(20);
        assertThat(outcome.errors()).isEqualTo(4);
        assertThat(outcome.latencies().count()).isEqualTo(20);
    }

    @Test
    void aPausedClosedLoopWaitsBeforeEachCallButDoesNotCountTheWait() {
        List<Long> startedAt = new ArrayList<>();
        LoadDriver.Outcome outcome = LoadDriver.closedLoop(() -> {
            startedAt.add(System.nanoTime());
            return CompletableFuture.completedFuture("ok");
        }, 2, 10, Duration.ofMillis(20));

        assertThat(startedAt).hasSize(12);
        for (int i = 1; i < startedAt.size(); i++) {
            assertThat(startedAt.get(i) - startedAt.get(i - 1)).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
        }
        // Each call answered at once: were the 20 ms waits counted, every latency would be at least 20 ms.
        assertThat(outcome.latencies().count()).isEqualTo(10);
        assertThat(outcome.latencies().summary().p50()).isLessThan(20);
    }

    @Test
    void closedLoopGivesUpWhenEveryWarmUpCallFails() {
        assertThatThrownBy(() -> LoadDriver.closedLoop(() -> CompletableFuture.failedFuture(new IllegalStateException("down")),
                3, 20)).hasMessageContaining("every warm-up call failed").hasMessageContaining("down");
    }

    @Test
    void openLoopRecordsEveryMeasuredCallIncludingOnesThatThrowAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        LoadDriver.Outcome outcome = LoadDriver.openLoop(() -> {
            if (calls.incrementAndGet() == 15) {
                throw new IllegalStateException("refused");
            }
            return CompletableFuture.completedFuture("ok");
        }, 10_000, 10, 40);
        assertThat(calls.get()).isEqualTo(50);
        assertThat(outcome.sent()).isEqualTo(40);
        assertThat(outcome.errors()).isEqualTo(1);
        assertThat(outcome.latencies().count()).isEqualTo(40);
    }
}
