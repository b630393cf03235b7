package dev.magnetar.controlplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.protocol.ReplicaStatusReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replica's totals keep what its earlier processes counted; the same process is never counted twice. */
class ReplicaTotalsTest {
    private static final String FN = "public/default/fn";
    private final ReplicaTotals totals = new ReplicaTotals();

    private static ReplicaStatusReport report(long received, long processed, Double latencyMs, long lastMs) {
        return new ReplicaStatusReport(0, received, processed, 0, 0, latencyMs, lastMs, List.of(), List.of(),
                new ReplicaStatusReport.Window(received, processed, 0, 0, latencyMs));
    }

    private static ReplicaStatusReport none() {
        return new ReplicaStatusReport(0, 0, 0, 0, 0, null, 0, List.of(), List.of(),
                new ReplicaStatusReport.Window(0, 0, 0, 0, null));
    }

    private ReplicaStatusReport observed(long pid, ReplicaStatusReport report) {
        totals.observe(FN, 0, pid, report);
        return totals.total(FN, 0, report);
    }

    @Test
    void aNewProcessAddsToWhatTheOnesBeforeCounted() {
        observed(100, report(5, 5, 2.0, 1_000));
        observed(100, report(20, 20, 2.0, 2_000));

        ReplicaStatusReport total = observed(200, report(3, 3, 4.0, 3_000));

        assertThat(total.received()).isEqualTo(23);
        assertThat(total.processed()).isEqualTo(23);
        assertThat(total.avgProcessLatencyMs()).isEqualTo((2.0 * 20 + 4.0 * 3) / 23);
        assertThat(total.lastInvocationMs()).isEqualTo(3_000);
        assertThat(total.oneMin().received()).as("the running process's last minute").isEqualTo(3);
    }

    @Test
    void lowerCountsFromTheSamePidAreANewProcess() {
        observed(100, report(20, 20, null, 0));

        assertThat(observed(100, report(2, 2, null, 0)).processed()).isEqualTo(22);
    }

    @Test
    void aReplicaThatIsDownShowsWhatItCountedAndOneThatRunsOnIsNotCountedTwice() {
        assertThat(observed(100, report(7, 6, 1.5, 500)).avgProcessLatencyMs()).isEqualTo(1.5);

        ReplicaStatusReport down = totals.total(FN, 0, none());

        assertThat(down.received()).isEqualTo(7);
        assertThat(down.processed()).isEqualTo(6);
        assertThat(observed(100, report(7, 6, 1.5, 500)).received()).isEqualTo(7);
    }

    @Test
    void aDeletedOrRestartedFunctionStartsFromZero() {
        observed(100, report(9, 9, null, 0));
        totals.forget(FN);
        assertThat(observed(300, report(1, 1, null, 0)).received()).isEqualTo(1);

        totals.forget(FN, 0);
        assertThat(observed(400, report(2, 2, null, 0)).received()).isEqualTo(2);
    }
}
