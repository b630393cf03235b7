package dev.magnetar.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoBoundScenarioTest {

    @Test
    void eachVariantDrainsAboutSecondsWorthOfItsIdealRateCappedByMessages() {
        BenchContext context = new BenchContext(null, "", "", 0, Path.of("."), null, 50_000, 1, 10, 1, 1, 100, false, List.of(100), null);
        assertThat(IoBoundScenario.messages(context, 1)).isEqualTo(2_000);
        assertThat(IoBoundScenario.messages(context, 8)).isEqualTo(16_000);
        assertThat(IoBoundScenario.messages(context, 64)).isEqualTo(50_000);
    }

    @Test
    void aShortRunStillDrainsTwoHundredMessages() {
        BenchContext context = new BenchContext(null, "", "", 0, Path.of("."), null, 50_000, 1, 1, 1, 1, 100, false, List.of(100), null);
        assertThat(IoBoundScenario.messages(context, 1)).isEqualTo(200);
    }
}
