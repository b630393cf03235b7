package dev.magnetar.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaStatusJsonTest {
    private final ReplicaStatusReport.Window minute = new ReplicaStatusReport.Window(1, 1, 0, 0, 2.0);

    @Test
    void userMetricsGoThereAndBack() {
        ReplicaStatusReport report = new ReplicaStatusReport(0, 1, 1, 0, 0, 2.0, 5, List.of(), List.of(), minute,
                Map.of("user_metric_LetterCount_sum", 5.0, "user_metric_LetterCount_count", 1.0));

        assertThat(ReplicaStatusJson.read(ReplicaStatusJson.write(report))).isEqualTo(report);
    }

    @Test
    void aReportWithoutUserMetricsHasNone() {
        String older = ReplicaStatusJson.write(new ReplicaStatusReport(0, 1, 1, 0, 0, 2.0, 5, List.of(), List.of(),
                minute)).replace(",\"userMetrics\":{}", "");

        assertThat(older).doesNotContain("userMetrics");
        assertThat(ReplicaStatusJson.read(older).userMetrics()).isEmpty();
    }
}
