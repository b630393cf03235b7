package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.pulsar.common.functions.ConsumerConfig;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.shade.com.google.gson.Gson;
import org.junit.jupiter.api.Test;

class PulsarJsonTest {

    @Test
    void readsTheFieldNamesGsonWritesAndIgnoresUnknownOnes() {
        String json = """
                {"tenant": "public", "namespace": "default", "name": "fn", "className": "com.example.Fn",
                 "inputSpecs": {"logs-.*": {"isRegexPattern": true}}, "parallelism": 2,
                 "someFutureField": {"x": 1}}""";

        FunctionConfig config = PulsarJson.readConfig(json);

        assertThat(config.getName()).isEqualTo("fn");
        assertThat(config.getParallelism()).isEqualTo(2);
        assertThat(config.getInputSpecs().get("logs-.*").isRegexPattern()).isTrue();
    }

    @Test
    void resourceAmountsLeftOutStayLeftOutRatherThanTakingPulsarsDefaults() {
        FunctionConfig sent = PulsarJson.readConfig("{\"resources\": {\"ram\": 536870912}}");
        FunctionConfig existing = PulsarJson.readConfig("{\"resources\": {\"ram\": 1024}, \"parallelism\": 2}");

        assertThat(sent.getResources().getCpu()).isNull();
        assertThat(sent.getResources().getDisk()).isNull();
        assertThat(PulsarJson.merge(existing, PulsarJson.readConfig("{\"parallelism\": 3}")).getResources().getCpu())
                .isNull();
        assertThatThrownBy(() -> PulsarJson.readConfig("{\"resources\": {\"cpu\": \"lots\"}}"))
                .isInstanceOf(PulsarConfigException.class).hasMessageStartingWith("resources.cpu: ");
    }

    @Test
    void aBadValueNamesItsField() {
        assertThatThrownBy(() -> PulsarJson.readConfig("{\"processingGuarantees\": \"SOMETIMES\"}"))
                .isInstanceOf(PulsarConfigException.class)
                .hasMessageStartingWith("processingGuarantees: has a value that is not valid")
                .hasMessageContaining("SOMETIMES");
        assertThatThrownBy(() -> PulsarJson.readConfig("{\"parallelism\": "))
                .isInstanceOf(PulsarConfigException.class).hasMessageStartingWith("functionConfig: ");
        assertThatThrownBy(() -> PulsarJson.readConfig(null))
                .isInstanceOf(PulsarConfigException.class).hasMessageContaining("part 'functionConfig'");
    }

    @Test
    void anUpdateReplacesOnlyTheFieldsItSets() {
        FunctionConfig existing = FunctionConfigMapperTest.minimal();
        existing.setParallelism(3);
        existing.setUserConfig(Map.of("a", "b"));
        FunctionConfig update = new FunctionConfig();
        update.setParallelism(1);
        update.setInputs(List.of("other"));

        FunctionConfig merged = PulsarJson.merge(existing, update);

        assertThat(merged.getParallelism()).isEqualTo(1);
        assertThat(merged.getInputs()).containsExactly("other");
        assertThat(merged.getClassName()).isEqualTo("com.example.Fn");
        assertThat(merged.getUserConfig()).containsEntry("a", "b");
    }

    @Test
    void writesWhatTheClientSerialisesWithGson() {
        FunctionConfig config = FunctionConfigMapperTest.minimal();
        config.setInputSpecs(Map.of("t", ConsumerConfig.builder().isRegexPattern(true).build()));

        String ours = PulsarJson.write(config);

        assertThat(PulsarJson.readConfig(new Gson().toJson(config))).isEqualTo(PulsarJson.readConfig(ours));
        assertThat(ours).contains("\"isRegexPattern\":true").doesNotContain("null");
    }
}
