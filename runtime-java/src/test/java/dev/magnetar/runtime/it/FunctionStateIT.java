package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.state.FunctionStateStore;
import dev.magnetar.api.state.StateBackend;
import dev.magnetar.api.state.StateBackends;
import dev.magnetar.api.state.StateScope;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pulsar's stateful word count as two replica processes on the embedded broker's table service: every increment of
 * both is counted, and a value put from outside is what the function reads.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class FunctionStateIT {
    private static final int LINES = 300;
    private static final String WORD_COUNT = "dev.magnetar.samples.statewordcount.WordCountFunction";
    private static final String LOOKUP = "dev.magnetar.samples.statewordcount.StateLookupFunction";

    @Test
    void twoReplicasCountEveryWordExactly(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("state-words-in");
        Function function = Definitions.define(Inputs.uniqueName("words"), WORD_COUNT, jar(), in,
                pulsar.uniqueTopic("state-words-out"));
        function.getSpec().setReplicas(2);
        List<String> state = List.of("--state-storage-url", pulsar.stateStorageUrl());
        try (StateBackend backend = StateBackends.create(pulsar.stateStorageUrl(), getClass().getClassLoader());
             ReplicaProcess first = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0, 0, state);
             ReplicaProcess second = ReplicaProcess.launch(function, pulsar.serviceUrl(), 1, 0, state);
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            first.awaitReady();
            second.awaitReady();
            for (int i = 0; i < LINES; i++) {
                producer.sendAsync("the quick fox the " + (i % 3 == 0 ? "lazy" : "dog"));
            }
            producer.flush();
            FunctionStateStore table = backend.open(new StateScope("public", "default",
                    function.getMetadata().getName())).join();
            await().atMost(Duration.ofMinutes(2)).until(() -> table.counter("fox").join() == LINES);
            assertThat(table.counter("the").join()).isEqualTo(2L * LINES);
            assertThat(table.counter("lazy").join()).isEqualTo(LINES / 3);
            assertThat(table.counter("dog").join()).isEqualTo(LINES - LINES / 3);
            assertThat(table.counter("cat").join()).as("a word never seen").isZero();
            assertThat(first.metric("magnetar_messages_processed_total")).as("replica 0's share").isPositive();
            assertThat(second.metric("magnetar_messages_processed_total")).as("replica 1's share").isPositive();
            assertThat(first.metric("magnetar_messages_failed_total") + second.metric("magnetar_messages_failed_total"))
                    .isZero();
        }
    }

    @Test
    void aFunctionReadsTheValuePutInItsState(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("state-lookup-in");
        String out = pulsar.uniqueTopic("state-lookup-out");
        Function function = Definitions.define(Inputs.uniqueName("lookup"), LOOKUP, jar(), in, out);
        try (StateBackend backend = StateBackends.create(pulsar.stateStorageUrl(), getClass().getClassLoader());
             OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0, 0,
                     List.of("--state-storage-url", pulsar.stateStorageUrl()));
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            FunctionStateStore table = backend.open(new StateScope("public", "default",
                    function.getMetadata().getName())).join();
            table.put("greeting", "hello from outside".getBytes(StandardCharsets.UTF_8)).join();
            table.increment("visits", 41).join();
            table.increment("visits", 1).join();
            replica.awaitReady();
            producer.send("greeting");
            producer.send("visits");
            producer.send("missing");
            await().atMost(Duration.ofMinutes(1)).until(() -> output.distinct() == 3);
            assertThat(output.values()).containsExactlyInAnyOrder("hello from outside", "count=42", "(none)");
        }
    }

    private static Path jar() {
        return Installation.current().samplesDir().resolve("state-word-count/target/state-word-count.jar");
    }
}
