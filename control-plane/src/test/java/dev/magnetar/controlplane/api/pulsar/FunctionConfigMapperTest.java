package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.InputSpec;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.api.v1alpha1.PodOverlay;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.PulsarAuthSpec;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.controlplane.service.StoppedReplicas;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.common.functions.ConsumerConfig;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.common.functions.Resources;
import org.apache.pulsar.common.functions.WindowConfig;
import org.junit.jupiter.api.Test;

class FunctionConfigMapperTest {
    private static final String JAR = "/data/packages/public/default/fn/abc.jar";

    static FunctionConfig minimal() {
        FunctionConfig config = new FunctionConfig();
        config.setTenant("public");
        config.setNamespace("default");
        config.setName("fn");
        config.setClassName("com.example.Fn");
        config.setInputs(List.of("in"));
        return config;
    }

    static Function map(FunctionConfig config) {
        return FunctionConfigMapper.toFunction(config, JAR);
    }

    @Test
    void identityAndCodeBecomeAValidDefinition() {
        Function function = map(minimal());

        assertThat(function.getMetadata().getName()).isEqualTo("fn");
        assertThat(function.getSpec().getTenant()).isEqualTo("public");
        assertThat(function.getSpec().getNamespace()).isEqualTo("default");
        assertThat(function.getSpec().getRuntime().className()).isEqualTo("com.example.Fn");
        assertThat(function.getSpec().getRuntime().jar()).isEqualTo(JAR);
        assertThat(FunctionValidator.validate(function)).isEmpty();
        FunctionConfig back = FunctionConfigMapper.toConfig(function);
        assertThat(back.getFqfn()).isEqualTo("public/default/fn");
        assertThat(back.getRuntime()).isEqualTo(FunctionConfig.Runtime.JAVA);
        assertThat(back.getJar()).isEqualTo(JAR);
    }

    @Test
    void aNullInputTopicIsAViolationNamingItNotAFailure() {
        FunctionConfig config = PulsarJson.readConfig("{\"className\": \"com.example.Fn\", \"inputs\": [\"in\", null]}");
        config.setName("fn");

        assertThat(FunctionValidator.validate(map(config))).extracting(Violation::toString)
                .containsExactly("spec.inputs[1]: must not be empty");
    }

    @Test
    void inputsTopicsPatternAndOutput() {
        FunctionConfig config = minimal();
        config.setCustomSchemaInputs(Map.of("schema-in", ""));
        config.setInputSpecs(Map.of("spec-in", ConsumerConfig.builder().build(),
                "persistent://public/default/logs-.*", ConsumerConfig.builder().isRegexPattern(true).build()));
        config.setOutput("out");
        config.setLogTopic("logs");

        Function function = map(config);

        assertThat(function.getSpec().getInputs()).containsExactlyInAnyOrder("in", "schema-in", "spec-in");
        assertThat(function.getSpec().getTopicsPattern()).isEqualTo("persistent://public/default/logs-.*");
        assertThat(function.getSpec().getOutput()).isEqualTo("out");
        FunctionConfig back = FunctionConfigMapper.toConfig(function);
        assertThat(back.getInputs()).contains("persistent://public/default/in");
        assertThat(back.getOutput()).isEqualTo("persistent://public/default/out");
        assertThat(function.getSpec().getLogTopic()).isEqualTo("logs");
        assertThat(back.getLogTopic()).isEqualTo("persistent://public/default/logs");
        assertThat(back.getTopicsPattern()).isEqualTo("persistent://public/default/logs-.*");
    }

    @Test
    void subscriptionNameAndPosition() {
        FunctionConfig config = minimal();
        config.setSubName("my-sub");
        config.setSubscriptionPosition(SubscriptionInitialPosition.Earliest);

        Function function = map(config);

        assertThat(function.getSpec().getSubscription().name()).isEqualTo("my-sub");
        assertThat(function.getSpec().getSubscription().initialPosition()).isEqualTo(InitialPosition.Earliest);
        FunctionConfig back = FunctionConfigMapper.toConfig(function);
        assertThat(back.getSubName()).isEqualTo("my-sub");
        assertThat(back.getSubscriptionPosition()).isEqualTo(SubscriptionInitialPosition.Earliest);
    }

    @Test
    void processingGuaranteesMapByNameAndManualIsRefused() {
        FunctionConfig config = minimal();
        config.setProcessingGuarantees(FunctionConfig.ProcessingGuarantees.ATMOST_ONCE);
        assertThat(map(config).getSpec().getProcessingGuarantee()).isEqualTo(ProcessingGuarantee.ATMOST_ONCE);
        assertThat(FunctionConfigMapper.toConfig(map(config)).getProcessingGuarantees())
                .isEqualTo(FunctionConfig.ProcessingGuarantees.ATMOST_ONCE);

        config.setProcessingGuarantees(FunctionConfig.ProcessingGuarantees.MANUAL);
        assertThatThrownBy(() -> map(config)).isInstanceOf(PulsarConfigException.class)
                .hasMessageContaining("processingGuarantees: MANUAL is not supported");
    }

    @Test
    void effectivelyOnceIsRefusedNamingTheFieldEvenWithRetainOrdering() {
        FunctionConfig config = minimal();
        config.setProcessingGuarantees(FunctionConfig.ProcessingGuarantees.EFFECTIVELY_ONCE);
        config.setRetainOrdering(true);
        assertThatThrownBy(() -> map(config)).isInstanceOf(PulsarConfigException.class)
                .hasMessageContaining("processingGuarantees: EFFECTIVELY_ONCE is not supported")
                .hasMessageContaining("ATLEAST_ONCE");
    }

    @Test
    void orderingFlagsChooseTheSubscriptionType() {
        FunctionConfig config = minimal();
        assertThat(map(config).getSpec().getSubscription().type()).as("Shared, the default").isNull();
        config.setRetainOrdering(true);
        assertThat(map(config).getSpec().getSubscription().type()).isEqualTo(SubscriptionType.Failover);
        assertThat(FunctionConfigMapper.toConfig(map(config)).getRetainOrdering()).isTrue();
        config.setRetainOrdering(false);
        config.setRetainKeyOrdering(true);
        assertThat(map(config).getSpec().getSubscription().type()).isEqualTo(SubscriptionType.Key_Shared);
        assertThat(FunctionConfigMapper.toConfig(map(config)).getRetainKeyOrdering()).isTrue();

        config.setRetainOrdering(true);
        assertThatThrownBy(() -> map(config)).isInstanceOf(PulsarConfigException.class)
                .hasMessageContaining("retainOrdering").hasMessageContaining("set only one");
    }

    @Test
    void retriesAndDeadLetterTopic() {
        FunctionConfig config = minimal();
        config.setMaxMessageRetries(5);
        config.setDeadLetterTopic("dlq");

        Function function = map(config);

        assertThat(function.getSpec().getMaxRedeliveries()).isEqualTo(5);
        assertThat(function.getSpec().getDeadLetterTopic()).isEqualTo("dlq");
        FunctionConfig back = FunctionConfigMapper.toConfig(function);
        assertThat(back.getMaxMessageRetries()).isEqualTo(5);
        assertThat(back.getDeadLetterTopic()).isEqualTo("persistent://public/default/dlq");
    }

    @Test
    void parallelismIsTheReplicaCountAndAStoppedFunctionShowsTheRememberedOne() {
        FunctionConfig config = minimal();
        config.setParallelism(3);
        Function function = map(config);
        assertThat(function.getSpec().getReplicas()).isEqualTo(3);
        assertThat(FunctionConfigMapper.toConfig(function).getParallelism()).isEqualTo(3);

        function.getMetadata().setAnnotations(Map.of(StoppedReplicas.ANNOTATION, "3"));
        function.getSpec().setReplicas(0);
        assertThat(FunctionConfigMapper.toConfig(function).getParallelism()).isEqualTo(3);
    }

    @Test
    void userConfigTimeoutAndCleanupSubscription() {
        FunctionConfig config = minimal();
        config.setUserConfig(Map.of("greeting", "hi", "limit", 3));
        config.setTimeoutMs(2_500L);
        config.setCleanupSubscription(true);

        Function function = map(config);

        assertThat(function.getSpec().getUserConfig()).containsEntry("greeting", "hi").containsEntry("limit", 3);
        assertThat(function.getSpec().getTimeoutMs()).isEqualTo(2_500L);
        assertThat(function.getSpec().getCleanupSubscription()).isTrue();
        FunctionConfig back = FunctionConfigMapper.toConfig(function);
        assertThat(back.getUserConfig()).containsEntry("greeting", "hi");
        assertThat(back.getTimeoutMs()).isEqualTo(2_500L);
        assertThat(back.getCleanupSubscription()).isTrue();
    }

    @Test
    void secretsArePathAndKeyOfAKubernetesSecret() {
        FunctionConfig config = minimal();
        config.setSecrets(Map.of("DB_PASSWORD", Map.of("path", "db", "key", "password")));

        Function function = map(config);

        assertThat(function.getSpec().getSecrets()).containsEntry("DB_PASSWORD", new SecretRef("db", "password"));
        assertThat(FunctionConfigMapper.toConfig(function).getSecrets())
                .containsEntry("DB_PASSWORD", Map.of("path", "db", "key", "password"));

        config.setSecrets(Map.of("TOKEN", "plain-value"));
        assertThatThrownBy(() -> map(config)).isInstanceOf(PulsarConfigException.class)
                .hasMessageContaining("secrets.TOKEN: is not a reference to a Secret").hasMessageContaining("\"path\"")
                .message().doesNotContain("plain-value");
    }

    @Test
    void anUpdateThroughPulsarsApiKeepsTheFunctionsOwnPulsarToken() {
        Function existing = map(minimal());
        existing.getSpec().setPulsarAuth(new PulsarAuthSpec(new SecretRef("fn-jwt", "token")));
        FunctionConfig config = FunctionConfigMapper.toConfig(existing);
        config.setParallelism(3);

        Function updated = FunctionConfigMapper.toUpdatedFunction(config, JAR, existing);

        assertThat(updated.getSpec().getPulsarAuth()).isEqualTo(new PulsarAuthSpec(new SecretRef("fn-jwt", "token")));
        assertThat(updated.getSpec().getReplicas()).isEqualTo(3);
        assertThat(map(config).getSpec().getPulsarAuth()).as("Pulsar's config has no such field").isNull();
    }

    @Test
    void anUpdateThroughPulsarsApiKeepsWhatItsConfigHasNoFieldFor() {
        Function existing = map(minimal());
        FunctionSpec spec = existing.getSpec();
        spec.setRuntime(new RuntimeSpec("example/runtime:1", JAR, "com.example.Fn"));
        spec.setConcurrency(4);
        spec.setAutoscaling(new AutoscalingSpec(0, 5, 100L, null, null, null, null, null, null));
        spec.setEnv(Map.of("MODE", "fast"));
        spec.setPod(new PodOverlay(Map.of("team", "a"), null, Map.of("disk", "ssd"), null, null));
        spec.setResources(new ResourcesSpec("500m", "512Mi"));
        FunctionConfig config = FunctionConfigMapper.toConfig(existing);
        config.setParallelism(3);

        FunctionSpec updated = FunctionConfigMapper.toUpdatedFunction(config, JAR, existing).getSpec();

        assertThat(updated.getReplicas()).isEqualTo(3);
        assertThat(updated.getRuntime().image()).isEqualTo("example/runtime:1");
        assertThat(updated.getConcurrency()).isEqualTo(4);
        assertThat(updated.getAutoscaling()).isEqualTo(spec.getAutoscaling());
        assertThat(updated.getEnv()).isEqualTo(Map.of("MODE", "fast"));
        assertThat(updated.getPod()).isEqualTo(spec.getPod());
        assertThat(updated.getResources()).as("as written, the amounts unchanged").isEqualTo(spec.getResources());
        config.setResources(new Resources(1.0, 1L << 30, null));
        assertThat(FunctionConfigMapper.toUpdatedFunction(config, JAR, existing).getSpec().getResources())
                .isEqualTo(new ResourcesSpec("1000m", "1073741824"));
    }

    @Test
    void amountsPulsarCannotExpressAreLeftOutOfItsConfigAndKeptOnUpdate() {
        Function existing = map(minimal());
        existing.getSpec().setResources(new ResourcesSpec("0", "512Mi"));

        FunctionConfig config = FunctionConfigMapper.toConfig(existing);

        assertThat(config.getResources().getCpu()).isNull();
        assertThat(FunctionConfigMapper.toUpdatedFunction(config, JAR, existing).getSpec().getResources())
                .isEqualTo(new ResourcesSpec("0", "512Mi"));
    }

    @Test
    void resourcesBecomeKubernetesQuantitiesAndBack() {
        FunctionConfig config = minimal();
        config.setResources(new Resources(0.5, 512L * 1024 * 1024, null));

        Function function = map(config);

        assertThat(function.getSpec().getResources()).isEqualTo(new ResourcesSpec("500m", "536870912"));
        Resources back = FunctionConfigMapper.toConfig(function).getResources();
        assertThat(back.getCpu()).isEqualTo(0.5);
        assertThat(back.getRam()).isEqualTo(536_870_912L);
        function.getSpec().setResources(new ResourcesSpec("2", "1Gi"));
        assertThat(FunctionConfigMapper.toConfig(function).getResources().getCpu()).isEqualTo(2.0);
        assertThat(FunctionConfigMapper.toConfig(function).getResources().getRam()).isEqualTo(1L << 30);

        config.setResources(new Resources(0.0, -1L, null));
        assertThatThrownBy(() -> map(config)).isInstanceOf(PulsarConfigException.class)
                .hasMessageContaining("resources.cpu").hasMessageContaining("resources.ram");
    }

    @Test
    void whatMagnetarCannotRunIsRefusedNamingEachField() {
        FunctionConfig config = minimal();
        config.setRuntime(FunctionConfig.Runtime.PYTHON);
        config.setGo("fn.go");

        assertThatThrownBy(() -> map(config)).isInstanceOf(PulsarConfigException.class)
                .hasMessageContaining("runtime: is PYTHON").hasMessageContaining("go: is set");
    }

    @Test
    void schemaTypesAndSerdeClassesMapToTheSpecAsPulsarsWorkerReadsThem() {
        FunctionConfig config = minimal();
        config.setCustomSerdeInputs(Map.of("serde-in", "com.example.MySerDe"));
        config.setCustomSchemaInputs(Map.of("schema-in", "{\"schemaType\": \"AVRO\", \"schemaProperties\": {\"a\": \"b\"}}",
                "plain-in", "JSON"));
        config.setInputSpecs(Map.of("spec-in", ConsumerConfig.builder().schemaType("PROTOBUF").build()));
        config.setOutput("out");
        config.setOutputSchemaType("AVRO");
        config.setCustomSchemaOutputs(Map.of("out", "{\"schemaProperties\": {\"x\": \"y\"}}"));

        FunctionSpec spec = map(config).getSpec();

        assertThat(spec.getInputs()).contains("serde-in", "schema-in", "plain-in", "spec-in");
        assertThat(spec.getInputSpecs()).containsEntry("serde-in", new InputSpec(null, "com.example.MySerDe", null))
                .containsEntry("schema-in", new InputSpec("AVRO", null, Map.of("a", "b")))
                .containsEntry("plain-in", new InputSpec("JSON", null, null))
                .containsEntry("spec-in", new InputSpec("PROTOBUF", null, null));
        assertThat(spec.getOutputSchemaType()).isEqualTo("AVRO");
        assertThat(spec.getOutputSchemaProperties()).containsEntry("x", "y");

        Function function = map(config);
        FunctionConfig back = FunctionConfigMapper.toConfig(function);
        assertThat(back.getInputSpecs().get("persistent://public/default/schema-in").getSchemaType()).isEqualTo("AVRO");
        assertThat(back.getInputSpecs().get("persistent://public/default/serde-in").getSerdeClassName())
                .isEqualTo("com.example.MySerDe");
        assertThat(back.getOutputSchemaType()).isEqualTo("AVRO");
        assertThat(back.getCustomSchemaOutputs().get("persistent://public/default/out")).contains("\"x\":\"y\"");
    }

    @Test
    void aCustomSchemaThatIsNeitherATypeNorJsonIsRefusedNamingTheField() {
        FunctionConfig config = minimal();
        config.setCustomSchemaInputs(Map.of("in", "{not json"));

        assertThatThrownBy(() -> map(config)).isInstanceOf(PulsarConfigException.class)
                .hasMessageContaining("customSchemaInputs.in: is not a schema type nor a JSON object");
    }

    @Test
    void autoAckTrueAndTopicsWithoutAnEncodingAreAccepted() {
        FunctionConfig config = minimal();
        config.setAutoAck(true);
        config.setCustomSerdeInputs(Map.of("serde-in", " "));

        assertThat(map(config).getSpec().getInputs()).contains("serde-in");
    }

    @Test
    void autoAckFalseLeavesAckingToTheFunctionBothWays() {
        FunctionConfig config = minimal();
        config.setAutoAck(false);

        Function function = map(config);
        assertThat(function.getSpec().getAutoAck()).isFalse();
        assertThat(FunctionConfigMapper.toConfig(function).getAutoAck()).isFalse();
        assertThat(FunctionConfigMapper.toConfig(map(minimal())).getAutoAck()).isTrue();
    }

    @Test
    void aWindowConfigBecomesTheSpecsWindowAndComesBackWithPulsarsInferredValues() {
        FunctionConfig config = minimal();
        config.setAutoAck(true); // as pulsar-admin may send it: Pulsar infers false for windows, and so does Magnetar
        config.setWindowConfig(new WindowConfig().setWindowLengthDurationMs(5_000L)
                .setTimestampExtractorClassName("org.example.Ts").setLateDataTopic("late"));

        Function function = map(config);
        assertThat(function.getSpec().getWindow().windowLengthDurationMs()).isEqualTo(5_000L);
        assertThat(function.getSpec().getWindow().lateDataTopic()).isEqualTo("late");
        assertThat(function.getSpec().getAutoAck()).isNull();

        WindowConfig back = FunctionConfigMapper.toConfig(function).getWindowConfig();
        assertThat(back.getSlidingIntervalDurationMs()).as("a tumbling window").isEqualTo(5_000L);
        assertThat(back.getMaxLagMs()).isZero();
        assertThat(back.getWatermarkEmitIntervalMs()).isEqualTo(1_000L);
        assertThat(back.getLateDataTopic()).isEqualTo("persistent://public/default/late");
        assertThat(back.getActualWindowFunctionClassName()).isEqualTo(config.getClassName());
        assertThat(FunctionConfigMapper.toConfig(function).getAutoAck()).isFalse();
    }
}
