package dev.magnetar.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
