package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm pool's JVMs take their memory before any replica does, and a refusal says so. */
class ReplicaBudgetTest {
    private static final long MIB = 1L << 20;
    private static final ReplicaLimits LIMITS = new ReplicaLimits(16, 32, 3L << 30, 2L << 30, Duration.ZERO);

    @Test
    void theWarmPoolsMemoryCountsBeforeTheReplicas() {
        ReplicaBudget.Demand four = new ReplicaBudget.Demand(4, 256 * MIB);

        assertThat(new ReplicaBudget(LIMITS).check(four, List.of())).as("1 GiB for replicas, no pool").isEmpty();
        assertThat(new ReplicaBudget(LIMITS, 1, 256 * MIB).check(four, List.of())).singleElement()
                .satisfies(violation -> assertThat(violation.toString()).contains("more than the 768 MiB this machine"
                        + " has for replicas").contains("and 256 MiB for the 1 JVM of the warm pool,"
                        + " magnetar.replicas.warm-pool-size"));
        assertThat(new ReplicaBudget(LIMITS, 1, 256 * MIB).check(new ReplicaBudget.Demand(3, 256 * MIB), List.of()))
                .isEmpty();
    }
}
