package dev.magnetar.controller.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicaMetricsTest {

    @Test
    void readsTheRuntimesCountersFromPrometheusText() {
        String text = """
                # HELP magnetar_messages_received_total Messages taken from the input subscription
                # TYPE magnetar_messages_received_total counter
                magnetar_messages_received_total{function="public/default/fn",instance="0"} 7.0
                magnetar_messages_processed_total{function="public/default/fn",instance="0"} 5.0
                magnetar_messages_failed_total{function="public/default/fn",instance="0"} 2.0
                magnetar_process_latency_seconds_count{function="public/default/fn",instance="0"} 4
                magnetar_process_latency_seconds_sum{function="public/default/fn",instance="0"} 0.02
                magnetar_process_latency_seconds_max{function="public/default/fn",instance="0"} 0.01
                jvm_threads_live_threads 12.0
                """;

        ReplicaMetrics.Counters counters = ReplicaMetrics.parse(text);

        assertThat(counters.received()).isEqualTo(7);
        assertThat(counters.processed()).isEqualTo(5);
        assertThat(counters.failed()).isEqualTo(2);
        assertThat(counters.averageLatencyMs()).isEqualTo(5.0);
    }

    @Test
    void aReplicaWithoutAPortOrThatDoesNotAnswerCountsZero() {
        assertThat(ReplicaMetrics.scrape(-1)).isEqualTo(ReplicaMetrics.Counters.NONE);
        assertThat(ReplicaMetrics.scrape(1)).isEqualTo(ReplicaMetrics.Counters.NONE);
        assertThat(ReplicaMetrics.parse("")).isEqualTo(ReplicaMetrics.Counters.NONE);
    }
}
