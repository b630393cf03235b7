package dev.magnetar.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.bench.harness.Machine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioOutcomeTest {

    @Test
    void rowWithTheWrongNumberOfCellsIsRejected() {
        assertThatThrownBy(() -> new ScenarioOutcome("s", Map.of(), List.of("a", "b"), List.of(List.of("1")), List.of(), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 1 cells").hasMessageContaining("has 2");
    }

    @Test
    void reportJsonCarriesMachineBrokerSettingsTableAndResults() {
        ScenarioOutcome outcome = new ScenarioOutcome("io-bound", Map.of("delayMs", "5"), List.of("variant"),
                List.of(List.of("X")), List.of("a note"), Map.of("variants", List.of()), List.of());
        BenchReport report = new BenchReport(Instant.parse("2026-11-26T00:01:02.5Z"),
                new Machine(2, 1024, "java", "linux", "1 2 3"), "4 5 6", Map.of("kind", "embedded"), outcome);
        String json = JsonWriter.write(report.toJson());
        assertThat(json).contains("\"scenario\": \"io-bound\"").contains("\"delayMs\": \"5\"")
                .contains("\"loadAverageAtEnd\": \"4 5 6\"").contains("\"kind\": \"embedded\"").contains("\"X\"").contains("\"a note\"");
        assertThat(report.fileName()).isEqualTo("io-bound-2026-11-26T000102-500Z.json");
        assertThat(report.fileStem()).isEqualTo("io-bound-2026-11-26T000102-500Z");
    }
}
