package dev.magnetar.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrivalsTest {

    @Test
    void countsEachMeasuredMessageOnceAndIgnoresWarmUp() {
        Arrivals arrivals = new Arrivals(10, 5);
        assertThat(arrivals.arrived(3)).isFalse();
        assertThat(arrivals.arrived(10)).isTrue();
        assertThat(arrivals.arrived(10)).isFalse();
        assertThat(arrivals.arrived(14)).isTrue();
        assertThat(arrivals.arrived(15)).isFalse();
        assertThat(arrivals.count()).isEqualTo(2);
    }

    @Test
    void missingAreTheMeasuredSequencesNotSeen() {
        Arrivals arrivals = new Arrivals(10, 5);
        arrivals.arrived(11);
        arrivals.arrived(13);
        assertThat(arrivals.missing().toArray()).containsExactly(10, 12, 14);
    }
}
