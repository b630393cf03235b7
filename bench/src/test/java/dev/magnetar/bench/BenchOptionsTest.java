package dev.magnetar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.bench.chaos.ChaosSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreAllScenariosThreeRepetitionsAMillionMessagesTenSecondsAndEachScenariosOwnRuns() {
        BenchOptions options = BenchOptions.parse(new String[0]);
        assertThat(options).isEqualTo(new BenchOptions("all", 3, 1_000_000, 10, 0, 1_000, 100, Path.of("bench/results"),
                null, false, List.of(100, 1_000, 5_000), options.chaos()));
        assertThat(options.chaos().length()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aChaosRunWithoutASeedGetsAFreshOneAndWithASeedRepeatsIt() {
        assertThat(BenchOptions.parse(new String[0]).chaos().seed())
                .isNotEqualTo(BenchOptions.parse(new String[0]).chaos().seed());
        assertThat(BenchOptions.parse(new String[] {"--seed", "-42", "--chaos-seconds", "200"}).chaos())
                .isEqualTo(new ChaosSettings(Duration.ofSeconds(200), -42));
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--seed", "lucky"}))
                .hasMessageContaining("--seed is 'lucky'");
    }

    @Test
    void chaosRunsOnlyWhenNamed() {
        assertThat(BenchOptions.parse(new String[0]).selected()).doesNotContain("chaos");
        assertThat(BenchOptions.parse(new String[] {"--scenario", "chaos"}).selected()).isEqualTo(List.of("chaos"));
    }

    @Test
    void readsEveryFlag() {
        BenchOptions options = BenchOptions.parse(new String[] {"--scenario", "io-bound", "--repetitions", "5",
                "--messages", "1000", "--seconds", "4", "--runs", "2", "--functions", "50", "--payload-bytes", "1024", "--rates", "100, 2000", "--results-dir", "/tmp/r", "--charts-dir", "docs/benchmarks", "--jfr",
                "--chaos-seconds", "240", "--seed", "7"});
        assertThat(options).isEqualTo(new BenchOptions("io-bound", 5, 1000, 4, 2, 50, 1024, Path.of("/tmp/r"),
                Path.of("docs/benchmarks"), true,
                List.of(100, 2_000), new ChaosSettings(Duration.ofSeconds(240), 7)));
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
