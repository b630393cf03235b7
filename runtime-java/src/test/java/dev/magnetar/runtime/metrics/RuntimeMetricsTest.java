package dev.magnetar.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RuntimeMetricsTest {
    private static final String BUCKET = "magnetar_process_latency_seconds_bucket{function=\"public/default/f\",instance=\"2\",le=\"%s\"} %s";

    @Test
    void aProcessingTimeCountsInTheBucketsFromItsOwnUpward() {
        RuntimeMetrics metrics = new RuntimeMetrics("public/default/f", 2);

        metrics.processed(TimeUnit.MILLISECONDS.toNanos(3));
        metrics.failed(TimeUnit.MILLISECONDS.toNanos(40), "boom");

        assertThat(metrics.scrape())
                .contains(String.format(BUCKET, "0.0025", "0"))
                .contains(String.format(BUCKET, "0.005", "1"))
                .contains(String.format(BUCKET, "0.025", "1"))
                .contains(String.format(BUCKET, "0.05", "2"))
                .contains(String.format(BUCKET, "60.0", "2"))
                .contains(String.format(BUCKET, "+Inf", "2"))
                .contains("magnetar_process_latency_seconds_count{function=\"public/default/f\",instance=\"2\"} 2");
    }

    @Test
    void theBucketsRunFromHalfAMillisecondToAMinuteInOrder() {
        assertThat(RuntimeMetrics.LATENCY_BUCKETS[0]).hasNanos(500_000);
        assertThat(RuntimeMetrics.LATENCY_BUCKETS[RuntimeMetrics.LATENCY_BUCKETS.length - 1]).hasSeconds(60);
        assertThat(RuntimeMetrics.LATENCY_BUCKETS).isSorted();
    }
}
