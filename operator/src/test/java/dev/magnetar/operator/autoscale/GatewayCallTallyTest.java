package dev.magnetar.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GatewayCallTallyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theLatestReportOfEachGatewayIsAddedUp() {
        GatewayCallTally tally = new GatewayCallTally();
        tally.report("t/ns/fn", "gateway-a", 3, T0);
        tally.report("t/ns/fn", "gateway-a", 5, T0.plusMillis(500));
        tally.report("t/ns/fn", "gateway-b", 2, T0.plusMillis(600));

        assertThat(tally.waiting("t/ns/fn", T0.plusSeconds(1))).isEqualTo(7);
        assertThat(tally.waiting("t/ns/other", T0.plusSeconds(1))).isZero();
    }

    @Test
    void aGatewayThatStoppedReportingCountsNoLonger() {
        GatewayCallTally tally = new GatewayCallTally();
        tally.report("t/ns/fn", "gateway-a", 4, T0);
        tally.report("t/ns/fn", "gateway-b", 1, T0.plusSeconds(2));

        assertThat(tally.waiting("t/ns/fn", T0.plusSeconds(4))).as("a's report is over 3 s old").isEqualTo(1);
        assertThat(tally.waiting("t/ns/fn", T0.plusSeconds(10))).isZero();
    }

    @Test
    void anArrivalIsTakenOnce() {
        GatewayCallTally tally = new GatewayCallTally();
        tally.report("t/ns/fn", "gateway-a", 1, T0);

        assertThat(tally.takeArrival("t/ns/fn")).isTrue();
        assertThat(tally.takeArrival("t/ns/fn")).isFalse();
    }
}
