package dev.magnetar.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.protocol.ReplicaStatusReport;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class InstanceActivityTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final InstanceActivity activity = new InstanceActivity(3, now::get);

    @Test
    void reportsTotalsTheLastMinuteAndTheLatestExceptionsByKind() {
        activity.received();
        activity.invoked();
        activity.processed(1_000_000);
        now.addAndGet(90_000);
        activity.received();
        activity.invoked();
        activity.userException(3_000_000, "IllegalArgumentException: bad input");
        activity.systemException("publish failed: timeout");

        ReplicaStatusReport report = activity.report();
        assertThat(report.instanceId()).isEqualTo(3);
        assertThat(report.received()).isEqualTo(2);
        assertThat(report.processed()).isEqualTo(1);
        assertThat(report.userExceptions()).isEqualTo(1);
        assertThat(report.systemExceptions()).isEqualTo(1);
        assertThat(report.avgProcessLatencyMs()).isEqualTo(2.0);
        assertThat(report.lastInvocationMs()).isEqualTo(now.get());
        assertThat(report.latestUserExceptions()).containsExactly(
                new ReplicaStatusReport.ExceptionEntry("IllegalArgumentException: bad input", now.get()));
        assertThat(report.latestSystemExceptions()).extracting(ReplicaStatusReport.ExceptionEntry::message)
                .containsExactly("publish failed: timeout");
        assertThat(report.oneMin()).isEqualTo(new ReplicaStatusReport.Window(1, 0, 1, 1, 3.0));
    }

    @Test
    void reportsUserMetricsAsPulsarsStatsNameThem() {
        activity.userMetric("LetterCount", 5);
        activity.userMetric("LetterCount", 3);
        activity.userMetric("Other", 1.5);

        Map<String, Double> metrics = activity.report().userMetrics();
        assertThat(metrics).containsEntry("user_metric_LetterCount_sum", 8.0)
                .containsEntry("user_metric_LetterCount_count", 2.0)
                .containsEntry("user_metric_Other_sum", 1.5).containsEntry("user_metric_Other_count", 1.0);
        assertThat(metrics.keySet()).containsExactlyInAnyOrder(
                "user_metric_LetterCount_sum", "user_metric_LetterCount_count", "user_metric_LetterCount_0.5",
                "user_metric_LetterCount_0.9", "user_metric_LetterCount_0.99", "user_metric_LetterCount_0.999",
                "user_metric_Other_sum", "user_metric_Other_count", "user_metric_Other_0.5", "user_metric_Other_0.9",
                "user_metric_Other_0.99", "user_metric_Other_0.999");
    }

    @Test
    void reportsPulsarsQuantilesOfEachUserMetric() {
        for (int value = 1; value <= 1_000; value++) {
            activity.userMetric("latency", value);
        }

        Map<String, Double> metrics = activity.report().userMetrics();
        assertThat(metrics.get("user_metric_latency_0.5")).isCloseTo(500, Percentage.withPercentage(2));
        assertThat(metrics.get("user_metric_latency_0.9")).isCloseTo(900, Percentage.withPercentage(2));
        assertThat(metrics.get("user_metric_latency_0.99")).isCloseTo(990, Percentage.withPercentage(2));
        assertThat(metrics.get("user_metric_latency_0.999")).isCloseTo(999, Percentage.withPercentage(2));
        assertThat(metrics.get("user_metric_latency_count")).isEqualTo(1_000.0);
        assertThat(metrics.get("user_metric_latency_sum")).isEqualTo(500_500.0);
    }

    @Test
    void countsFromManyThreadsAtOnceLoseNothing() throws InterruptedException {
        int threads = 4;
        int each = 50_000;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    activity.received();
                    activity.processed(2_000);
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }

        ReplicaStatusReport report = activity.report();
        assertThat(report.received()).isEqualTo(threads * each);
        assertThat(report.processed()).isEqualTo(threads * each);
        assertThat(report.avgProcessLatencyMs()).isEqualTo(0.002);
        assertThat(report.oneMin().received()).isEqualTo(threads * each);
        assertThat(activity.receivedCount()).isEqualTo(threads * each);
    }

    @Test
    void aFreshInstanceReportsNothingYet() {
        ReplicaStatusReport report = activity.report();
        assertThat(report.received()).isZero();
        assertThat(report.avgProcessLatencyMs()).isNull();
        assertThat(report.lastInvocationMs()).isZero();
        assertThat(report.userMetrics()).isEmpty();
        assertThat(report.latestUserExceptions()).isEmpty();
        assertThat(report.oneMin()).isEqualTo(new ReplicaStatusReport.Window(0, 0, 0, 0, null));
    }
}
