package dev.magnetar.controlplane.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.protocol.ReplicaStatusReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaInFlightTest {
    private static ReplicaStatusReport report(long received, long processed, long userExceptions, long systemExceptions) {
        return new ReplicaStatusReport(0, received, processed, userExceptions, systemExceptions, null, 0, List.of(),
                List.of(), new ReplicaStatusReport.Window(0, 0, 0, 0, null));
    }

    @Test
    void whatAReplicaTookAndHasNotFinishedIsInFlight() {
        assertThat(ReplicaInFlight.held(report(10, 6, 1, 0))).isEqualTo(3);
        assertThat(ReplicaInFlight.held(report(10, 10, 0, 0))).isZero();
    }

    @Test
    void failuresAroundTheFunctionNeverMakeItNegative() {
        assertThat(ReplicaInFlight.held(report(3, 3, 0, 2))).isZero();
    }
}
