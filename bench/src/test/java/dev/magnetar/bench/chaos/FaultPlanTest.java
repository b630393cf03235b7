package dev.magnetar.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void theSameSeedGivesTheSameFaultsAtTheSameIntervalsWhateverTheTargetsPicked() {
        FaultPlan first = new FaultPlan(42);
        FaultPlan second = new FaultPlan(42);
        List<Object> firstChoices = new ArrayList<>();
        List<Object> secondChoices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            firstChoices.add(first.nextInterval());
            firstChoices.add(first.nextKind());
            first.nextTarget(2);
            secondChoices.add(second.nextInterval());
            secondChoices.add(second.nextKind());
            second.nextTarget(i + 1); // another number of replicas seen: the schedule must not move
        }

        assertThat(firstChoices).isEqualTo(secondChoices);
    }

    @Test
    void intervalsStayWithinTheirBoundsAndEveryKindComesUp() {
        FaultPlan plan = new FaultPlan(7);
        List<FaultKind> kinds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            assertThat(plan.nextInterval()).isBetween(FaultPlan.MIN_INTERVAL, FaultPlan.MAX_INTERVAL);
            kinds.add(plan.nextKind());
        }

        assertThat(kinds).contains(FaultKind.values());
        assertThat(Duration.ofSeconds(20)).isEqualTo(FaultPlan.MIN_INTERVAL);
    }
}
