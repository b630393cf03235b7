package dev.magnetar.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrainWindowTest {

    @Test
    void theMeasurementStartsWithTheFirstOutputAfterTheWarmUpAndEndsAfterTheMeasuredOnes() {
        DrainWindow window = new DrainWindow(3, 2);
        List<Long> opening = new ArrayList<>();
        long outputs = 0;
        while (!window.complete()) {
            outputs++;
            if (window.count()) {
                opening.add(outputs);
            }
        }
        assertThat(opening).containsExactly(4L);
        assertThat(outputs).isEqualTo(5).isEqualTo(window.total());
        assertThat(window.measured()).isEqualTo(2);
    }

    @Test
    void withoutWarmUpTheFirstOutputStartsIt() {
        DrainWindow window = new DrainWindow(0, 5);
        assertThat(window.count()).isTrue();
        assertThat(window.count()).isFalse();
    }

    @Test
    void everyDrainWarmsItsWorkerUpWithAsManyMessagesAsItMeasures() {
        assertThat(DrainMeasurement.warmupMessages(1_000_000)).isEqualTo(1_000_000);
        assertThat(DrainMeasurement.warmupMessages(200)).isEqualTo(200);
    }

    @Test
    void aWindowTooSmallToTimeIsRefusedWithTheNumbers() {
        assertThatThrownBy(() -> new DrainWindow(10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 1 after 10");
    }
}
