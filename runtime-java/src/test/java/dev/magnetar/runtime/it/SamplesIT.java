package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The word-count and async-enrich samples, from their function.yaml, run by real replicas. */
@ExtendWith(EmbeddedPulsarExtension.class)
class SamplesIT {

    /** The sample's own definition, with its jar made absolute and its topics made unique to this run. */
    private static Function sample(EmbeddedPulsar pulsar, String name) {
        Path dir = Installation.current().samplesDir().resolve(name);
        Function function = FunctionDocuments.read(dir.resolve("function.yaml"));
        RuntimeSpec runtime = function.getSpec().getRuntime();
        function.getSpec().setRuntime(new RuntimeSpec(null, dir.resolve(runtime.jar()).toString(), runtime.className()));
        function.getSpec().setInputs(List.of(pulsar.uniqueTopic(name + "-in")));
        function.getSpec().setOutput(pulsar.uniqueTopic(name + "-out"));
        function.getMetadata().setName(Inputs.uniqueName(name));
        return function;
    }

    @Test
    void wordCountPublishesEachCountThroughTheContextAndASummary(EmbeddedPulsar pulsar) throws Exception {
        Function function = sample(pulsar, "word-count");
        String counts = pulsar.uniqueTopic("word-counts");
        Map<String, Object> config = new LinkedHashMap<>(function.getSpec().getUserConfig());
        config.put("countsTopic", counts);
        function.getSpec().setUserConfig(config);

        try (OutputCollector summaries = OutputCollector.on(pulsar.client(), function.getSpec().getOutput());
             OutputCollector wordCounts = OutputCollector.on(pulsar.client(), counts);
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, function.getSpec().getInputs().get(0))) {
            producer.send("To be, or not to be: a question. To be!");
            await().atMost(Duration.ofSeconds(30)).until(() -> summaries.distinct() == 1);
            // minLength 2 drops "a"; the separator splits on punctuation too; words are case-sensitive.
            assertThat(summaries.values()).containsExactly("9 words, 6 distinct");
            await().atMost(Duration.ofSeconds(30)).until(() -> wordCounts.distinct() == 6);
            assertThat(wordCounts.values()).containsExactlyInAnyOrder("To=2", "be=3", "or=1", "not=1", "to=1", "question=1");
            assertThat(wordCounts.message("be=3").getKey()).isEqualTo("be");
        }
    }

    @Test
    void asyncEnrichTurnsJsonOrdersIntoEnrichedJson(EmbeddedPulsar pulsar) throws Exception {
        Function function = sample(pulsar, "async-enrich");
        try (OutputCollector output = OutputCollector.on(pulsar.client(), function.getSpec().getOutput());
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             // JSON text under no schema, as a gateway or pulsar-client sends it: the function reads it with its JSON schema.
             Producer<byte[]> producer = pulsar.client().newProducer(Schema.BYTES)
                     .topic(function.getSpec().getInputs().get(0)).create()) {
            for (int i = 0; i < 20; i++) {
                producer.sendAsync(("{\"id\":\"o-" + i + "\",\"customer\":\"" + (i % 2 == 0 ? "acme" : "initech")
                        + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> output.distinct() == 20);
            assertThat(output.values()).contains("{\"id\":\"o-0\",\"customer\":\"acme\",\"tier\":\"gold\"}",
                    "{\"id\":\"o-1\",\"customer\":\"initech\",\"tier\":\"standard\"}");
        }
    }
}
