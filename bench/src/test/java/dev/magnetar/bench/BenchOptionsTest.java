package dev.magnetar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreAllScenariosThreeRepetitionsAndTwoHundredThousandMessages() {
        assertThat(BenchOptions.parse(new String[0]))
                .isEqualTo(new BenchOptions("all", 3, 200_000, Path.of("bench/results")));
    }

    @Test
    void readsEveryFlag() {
        BenchOptions options = BenchOptions.parse(new String[] {"--scenario", "throughput", "--repetitions", "5",
                "--messages", "1000", "--results-dir", "/tmp/r"});
        assertThat(options).isEqualTo(new BenchOptions("throughput", 5, 1000, Path.of("/tmp/r")));
    }

    @Test
    void unknownScenarioNamesTheKnownOnes() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--scenario", "latency"}))
                .hasMessageContaining("'latency'").hasMessageContaining("throughput, all");
    }

    @Test
    void nonPositiveCountIsRejectedWithItsValue() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--messages", "0"}))
                .hasMessageContaining("--messages is '0'");
    }

    @Test
    void flagWithoutValueIsRejected() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repetitions"}))
                .hasMessageContaining("--repetitions needs a value");
    }
}
