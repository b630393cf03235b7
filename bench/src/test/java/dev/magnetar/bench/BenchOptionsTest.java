package dev.magnetar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreAllScenariosThreeRepetitionsAMillionMessagesTenSecondsAndEachScenariosOwnRuns() {
        assertThat(BenchOptions.parse(new String[0]))
                .isEqualTo(new BenchOptions("all", 3, 1_000_000, 10, 0, 1_000, 100, Path.of("bench/results"), null, false,
                        List.of(100, 1_000, 5_000)));
    }

    @Test
    void readsEveryFlag() {
        BenchOptions options = BenchOptions.parse(new String[] {"--scenario", "io-bound", "--repetitions", "5",
                "--messages", "1000", "--seconds", "4", "--runs", "2", "--functions", "50", "--payload-bytes", "1024", "--rates", "100, 2000", "--results-dir", "/tmp/r", "--charts-dir", "docs/benchmarks", "--jfr"});
        assertThat(options).isEqualTo(new BenchOptions("io-bound", 5, 1000, 4, 2, 50, 1024, Path.of("/tmp/r"),
                Path.of("docs/benchmarks"), true,
                List.of(100, 2_000)));
    }

    @Test
    void allSelectsEveryScenarioInOrderAndANameSelectsOnlyIt() {
        assertThat(BenchOptions.parse(new String[0]).selected()).startsWith("throughput", "io-bound", "pipe-latency");
        assertThat(BenchOptions.parse(new String[] {"--scenario", "pipe-latency"}).selected()).isEqualTo(List.of("pipe-latency"));
        assertThat(BenchOptions.parse(new String[] {"--scenario", "scale-out,throughput"}).selected())
                .isEqualTo(List.of("throughput", "scale-out"));
    }

    @Test
    void unknownScenarioNamesTheKnownOnes() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--scenario", "latency"}))
                .hasMessageContaining("'latency'").hasMessageContaining("throughput, io-bound").hasMessageContaining(", all");
    }

    @Test
    void nonPositiveCountIsRejectedWithItsValue() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--seconds", "0"}))
                .hasMessageContaining("--seconds is '0'");
    }

    @Test
    void aRateThatIsNotAPositiveWholeNumberIsRejectedWithItsValue() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rates", "100,fast"}))
                .hasMessageContaining("--rates is 'fast'").hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rates", "100,0"}))
                .hasMessageContaining("--rates is '0'");
    }

    @Test
    void flagWithoutValueIsRejected() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repetitions"}))
                .hasMessageContaining("--repetitions needs a value");
    }
}
