package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.yaml.DocumentException;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.store.FunctionRef;
import java.nio.charset.StandardCharsets;
import org.apache.pulsar.common.functions.FunctionConfig;

/**
 * Any {@code functionConfig} part of a create or update request on Pulsar's REST API is either refused with a
 * {@link PulsarConfigException} naming the field (400), or becomes a definition the validator judges without
 * throwing; one it accepts reads back as a config, and that config sent again as an update is accepted too. A
 * definition made through Magnetar's own API comes through a {@code GET} and {@code PUT} on Pulsar's unchanged.
 * Committed inputs live in {@code PulsarFunctionConfigFuzzTestInputs/}.
 */
class PulsarFunctionConfigFuzzTest {
    private static final FunctionRef REF = new FunctionRef("public", "default", "fn");
    private static final String JAR = "/opt/magnetar/packages/fn.jar";

    /** Pulsar's field names and values, which byte mutations alone reach slowly. */
    @DictionaryEntries({"\"tenant\"", "\"namespace\"", "\"name\"", "\"className\"", "\"runtime\"", "\"JAVA\"",
        "\"inputs\"", "\"inputSpecs\"", "\"isRegexPattern\"", "\"customSerdeInputs\"", "\"customSchemaInputs\"",
        "\"topicsPattern\"", "\"output\"", "\"logTopic\"", "\"secrets\"", "\"path\"", "\"key\"", "\"resources\"",
        "\"cpu\"", "\"ram\"", "\"userConfig\"", "\"processingGuarantees\"", "\"EFFECTIVELY_ONCE\"", "\"MANUAL\"",
        "\"retainOrdering\"", "\"retainKeyOrdering\"", "\"subName\"", "\"subscriptionPosition\"", "\"Earliest\"",
        "\"parallelism\"", "\"maxMessageRetries\"", "\"deadLetterTopic\"", "\"timeoutMs\"", "\"autoAck\"",
        "\"cleanupSubscription\"", "\"windowConfig\"", "null", "true", "false", "1e400", "-1", "[]", "{}"})
    @FuzzTest(maxDuration = "60s")
    void anyFunctionConfigIsADefinitionOrRefusedNamingTheField(byte[] input) {
        FunctionConfig config;
        Function function;
        try {
            config = PulsarFunctionRequests.named(REF, PulsarJson.readConfig(new String(input, StandardCharsets.UTF_8)));
            function = FunctionConfigMapper.toFunction(config, JAR);
        } catch (PulsarConfigException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        if (!FunctionValidator.validate(function).isEmpty()) {
            return;
        }
        FunctionConfig stored = FunctionConfigMapper.toConfig(function);
        FunctionConfig reread = PulsarJson.readConfig(PulsarJson.write(stored));
        Function updated = FunctionConfigMapper.toFunction(PulsarJson.merge(stored, reread), JAR);
        assertThat(FunctionValidator.validate(updated)).as("the config a GET answers, sent back").isEmpty();
    }

    /**
     * A definition made through Magnetar's own API, read through Pulsar's ({@code GET}) and sent back unchanged
     * ({@code PUT}), is the same definition: what Pulsar's config has no field for is kept, not dropped.
     */
    @FuzzTest(maxDuration = "60s")
    void anUpdateSendingBackWhatGetAnsweredChangesNothing(byte[] input) {
        Function existing;
        try {
            existing = FunctionDocuments.parse(new String(input, StandardCharsets.UTF_8));
        } catch (DocumentException e) {
            return;
        }
        if (!FunctionValidator.validate(existing).isEmpty()) {
            return;
        }
        ResolvedFunction before = ResolvedFunction.of(existing);
        FunctionRef ref = new FunctionRef(before.tenant(), before.namespace(), before.name());
        FunctionConfig sent = PulsarJson.readConfig(PulsarJson.write(FunctionConfigMapper.toConfig(existing)));
        FunctionConfig merged = PulsarJson.merge(FunctionConfigMapper.toConfig(existing),
                PulsarFunctionRequests.named(ref, sent));

        Function updated = FunctionConfigMapper.toUpdatedFunction(merged, before.jar(), existing);

        assertThat(FunctionValidator.validate(updated)).isEmpty();
        assertThat(ResolvedFunction.of(updated)).isEqualTo(before);
        FunctionSpec was = existing.getSpec();
        FunctionSpec is = updated.getSpec();
        assertThat(is.getRuntime()).isEqualTo(was.getRuntime());
        assertThat(is.getAutoscaling()).isEqualTo(was.getAutoscaling());
        assertThat(is.getPod()).isEqualTo(was.getPod());
        assertThat(is.getResources()).isEqualTo(was.getResources());
        assertThat(is.getAutomountServiceAccountToken()).isEqualTo(was.getAutomountServiceAccountToken());
        assertThat(is.getPulsarAuth()).isEqualTo(was.getPulsarAuth());
    }
}
