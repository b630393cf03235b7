package dev.magnetar.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MachineCpuTimesTest {

    private static String procStat(long user, long system, long idle, long steal) {
        return "cpu  %d 0 %d %d 0 0 0 %d 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 12345\n".formatted(user, system, idle, steal);
    }

    @Test
    void stealIsTheShareOfAllCpuTimeSinceTheStartThatTheHypervisorTook() {
        MachineCpuTimes start = MachineCpuTimes.parse(procStat(1_000, 500, 8_000, 100));
        MachineCpuTimes end = MachineCpuTimes.parse(procStat(1_100, 550, 8_200, 150));

        assertThat(end.stealPercentSince(start)).isCloseTo(100.0 * 50 / 400, within(1e-9));
    }

    @Test
    void onlyTheAggregateLineCountsNotThePerCpuLines() {
        assertThat(MachineCpuTimes.parse(procStat(10, 20, 30, 40))).isEqualTo(new MachineCpuTimes(100, 40));
    }

    @Test
    void unknownWithoutTheAggregateLineOrWithoutElapsedTime() {
        MachineCpuTimes unknown = MachineCpuTimes.parse("intr 1\n");
        MachineCpuTimes known = MachineCpuTimes.parse(procStat(10, 20, 30, 40));

        assertThat(unknown).isEqualTo(MachineCpuTimes.UNKNOWN);
        assertThat(known.stealPercentSince(unknown)).isEqualTo(-1);
        assertThat(unknown.stealPercentSince(known)).isEqualTo(-1);
        assertThat(known.stealPercentSince(known)).isEqualTo(-1);
    }

    @Test
    void readsThisMachinesCountersWhereThereAreAny() {
        MachineCpuTimes now = MachineCpuTimes.read();
        if (!now.equals(MachineCpuTimes.UNKNOWN)) {
            assertThat(now.total()).isPositive();
            assertThat(now.steal()).isBetween(0L, now.total());
        }
    }
}
