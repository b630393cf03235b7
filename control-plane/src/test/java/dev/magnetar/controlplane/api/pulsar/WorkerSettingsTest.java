package dev.magnetar.controlplane.api.pulsar;

import static dev.magnetar.controlplane.api.pulsar.FunctionConfigMapperTest.map;
import static dev.magnetar.controlplane.api.pulsar.FunctionConfigMapperTest.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.validation.Violation;
import java.util.Map;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.common.functions.ConsumerConfig;
import org.apache.pulsar.common.functions.CryptoConfig;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.common.functions.ProducerConfig;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

    private static FunctionConfig pulsarDefaults() {
        FunctionConfig config = minimal();
        config.setBatchBuilder("DEFAULT");
        config.setForwardSourceMessageProperty(true);
        config.setExposePulsarAdminClientEnabled(true);
        config.setSkipToLatest(false);
        config.setFqfn("public/default/fn");
        config.setProducerConfig(ProducerConfig.builder().useThreadLocalProducers(false)
                .compressionType(CompressionType.NONE).build());
        config.setInputSpecs(Map.of("in2", ConsumerConfig.builder().build()));
        return config;
    }

    @Test
    void pulsarsDefaultsAreAccepted() {
        assertThat(WorkerSettings.of(pulsarDefaults())).isEmpty();
        assertThat(map(pulsarDefaults()).getSpec().getInputs()).containsExactly("in", "in2");
    }

    @Test
    void everyWorkerKnobSetIsRefusedNamingItsField() {
        FunctionConfig config = pulsarDefaults();
        config.setRuntimeFlags("-Xmx2g");
        config.setFunctionType("exclamation");
        config.setCustomRuntimeOptions("{\"jobNamespace\":\"x\"}");
        config.setBatchBuilder("KEY_BASED");
        config.setForwardSourceMessageProperty(false);
        config.setMaxPendingAsyncRequests(10);
        config.setExposePulsarAdminClientEnabled(false);
        config.setSkipToLatest(true);
        config.setFqfn("other/default/fn");
        config.setProducerConfig(ProducerConfig.builder().maxPendingMessages(5).useThreadLocalProducers(true)
                .compressionType(CompressionType.LZ4).cryptoConfig(CryptoConfig.builder().build()).build());
        config.setInputSpecs(Map.of("in2", ConsumerConfig.builder().receiverQueueSize(5)
                .consumerProperties(Map.of("a", "b")).cryptoConfig(CryptoConfig.builder().build()).build()));

        assertThat(WorkerSettings.of(config)).extracting(Violation::field).containsExactlyInAnyOrder("runtimeFlags",
                "functionType", "customRuntimeOptions", "batchBuilder", "forwardSourceMessageProperty",
                "maxPendingAsyncRequests", "exposePulsarAdminClientEnabled", "skipToLatest", "fqfn",
                "producerConfig.maxPendingMessages", "producerConfig.useThreadLocalProducers",
                "producerConfig.compressionType", "producerConfig.cryptoConfig", "inputSpecs.in2.receiverQueueSize",
                "inputSpecs.in2.consumerProperties", "inputSpecs.in2.cryptoConfig");
        assertThatThrownBy(() -> map(config)).isInstanceOf(PulsarConfigException.class)
                .hasMessageContaining("runtimeFlags: is '-Xmx2g' but Magnetar starts replicas with its own JVM options")
                .hasMessageContaining("skipToLatest: is true");
    }
}
