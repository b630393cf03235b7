package dev.magnetar.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryCheckTest {

    @Test
    void everyAcceptedInputOutOnceIsNeitherLostNorDuplicated() {
        DeliveryCheck check = DeliveryCheck.of(Set.of(0L, 1L, 2L), Map.of(0L, 1, 1L, 1, 2L, 1));

        assertThat(check).isEqualTo(new DeliveryCheck(3, 3, 0, 0, 0, List.of()));
        assertThat(check.passed()).isTrue();
    }

    @Test
    void anAcceptedInputMissingFromTheOutputIsALossAndFailsTheCheck() {
        DeliveryCheck check = DeliveryCheck.of(Set.of(0L, 1L, 2L, 3L), Map.of(0L, 1, 2L, 1));

        assertThat(check.losses()).isEqualTo(2);
        assertThat(check.lostExamples()).containsExactly(1L, 3L);
        assertThat(check.outputs()).isEqualTo(2);
        assertThat(check.passed()).isFalse();
    }

    @Test
    void duplicatesCountEveryDeliveryBeyondTheFirst() {
        DeliveryCheck check = DeliveryCheck.of(Set.of(0L, 1L, 2L), Map.of(0L, 3, 1L, 1, 2L, 2));

        assertThat(check.duplicates()).isEqualTo(3);
        assertThat(check.outputs()).isEqualTo(3);
        assertThat(check.passed()).isTrue();
    }

    @Test
    void anOutputWhoseSendWasNeverAcknowledgedIsNoLossButIsCountedApart() {
        DeliveryCheck check = DeliveryCheck.of(Set.of(0L), Map.of(0L, 1, 1L, 1));

        assertThat(check.unaccepted()).isEqualTo(1);
        assertThat(check.losses()).isZero();
        assertThat(check.outputs()).isEqualTo(2);
    }

    @Test
    void lostExamplesAreTheSmallestIdsAndAtMostTen() {
        Set<Long> accepted = new HashSet<>();
        Map<Long, Integer> outputs = new HashMap<>();
        for (long id = 0; id < 100; id++) {
            accepted.add(id);
            if (id % 2 == 0) {
                outputs.put(id, 1);
            }
        }

        DeliveryCheck check = DeliveryCheck.of(accepted, outputs);

        assertThat(check.losses()).isEqualTo(50);
        assertThat(check.lostExamples()).containsExactly(1L, 3L, 5L, 7L, 9L, 11L, 13L, 15L, 17L, 19L);
    }
}
