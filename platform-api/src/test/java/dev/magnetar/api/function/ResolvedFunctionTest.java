package dev.magnetar.api.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InitialPosition;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvedFunctionTest {

    private static Function function(FunctionSpec spec) {
        Function function = new Function();
        function.setMetadata(new ObjectMetaBuilder().withName("wc").build());
        spec.setRuntime(new RuntimeSpec(null, "/fn.jar", "a.B"));
        function.setSpec(spec);
        return function;
    }

    @Test
    void appliesPulsarDefaults() {
        FunctionSpec spec = new FunctionSpec();
        spec.setInputs(List.of("in"));

        ResolvedFunction fn = ResolvedFunction.of(function(spec));

        assertThat(fn.fqfn()).isEqualTo("public/default/wc");
        assertThat(fn.inputs()).containsExactly("persistent://public/default/in");
        assertThat(fn.output()).isNull();
        assertThat(fn.subscriptionName()).isEqualTo("public/default/wc");
        assertThat(fn.subscriptionType()).isEqualTo(SubscriptionType.Shared);
        assertThat(fn.initialPosition()).isEqualTo(InitialPosition.Latest);
        assertThat(fn.processingGuarantee()).isEqualTo(ProcessingGuarantee.ATLEAST_ONCE);
        assertThat(fn.maxRedeliveries()).isEqualTo(ResolvedFunction.DEFAULT_MAX_REDELIVERIES);
        assertThat(fn.deadLetterTopic()).isEqualTo("persistent://public/default/wc-DLQ");
        assertThat(fn.concurrency()).isEqualTo(1);
        assertThat(fn.replicas()).isEqualTo(1);
        assertThat(fn.requestTopic()).contains("persistent://public/default/in");
        assertThat(fn.logTopic()).isNull();
        assertThat(fn.requestSchemaType()).isNull();
    }

    @Test
    void theRequestSchemaTypeIsTheOneInputSpecsNamesForTheFirstInput() {
        FunctionSpec spec = new FunctionSpec();
        spec.setInputs(List.of("in", "other"));
        spec.setInputSpecs(Map.of("persistent://public/default/in", new dev.magnetar.api.v1alpha1.InputSpec("int32",
                null, Map.of()), "other", new dev.magnetar.api.v1alpha1.InputSpec("AVRO", null, Map.of())));
        assertThat(ResolvedFunction.of(function(spec)).requestSchemaType()).isEqualTo("INT32");

        spec.setInputSpecs(Map.of("in", new dev.magnetar.api.v1alpha1.InputSpec("org.example.MySchema", null,
                Map.of())));
        assertThat(ResolvedFunction.of(function(spec)).requestSchemaType()).as("a schema class").isNull();

        spec.setInputSpecs(Map.of("other", new dev.magnetar.api.v1alpha1.InputSpec("INT64", null, Map.of())));
        assertThat(ResolvedFunction.of(function(spec)).requestSchemaType()).as("another input's").isNull();
    }

    @Test
    void qualifiesBareTopicsInTheFunctionsNamespaceAndKeepsQualifiedOnes() {
        FunctionSpec spec = new FunctionSpec();
        spec.setTenant("acme");
        spec.setNamespace("etl");
        spec.setInputs(List.of("raw", "other/ns/t", "non-persistent://x/y/z"));
        spec.setOutput("clean");
        spec.setDeadLetterTopic("dead");
        spec.setLogTopic("logs");
        spec.setSubscription(new SubscriptionSpec("sub", SubscriptionType.Key_Shared, InitialPosition.Earliest));

        ResolvedFunction fn = ResolvedFunction.of(function(spec));

        assertThat(fn.inputs()).containsExactly(
                "persistent://acme/etl/raw", "persistent://other/ns/t", "non-persistent://x/y/z");
        assertThat(fn.output()).isEqualTo("persistent://acme/etl/clean");
        assertThat(fn.deadLetterTopic()).isEqualTo("persistent://acme/etl/dead");
        assertThat(fn.logTopic()).isEqualTo("persistent://acme/etl/logs");
        assertThat(fn.subscriptionName()).isEqualTo("sub");
        assertThat(fn.subscriptionType()).isEqualTo(SubscriptionType.Key_Shared);
        assertThat(fn.initialPosition()).isEqualTo(InitialPosition.Earliest);
    }

    @Test
    void noRedeliveriesMeansNoDeadLetterTopic() {
        FunctionSpec spec = new FunctionSpec();
        spec.setInputs(List.of("in"));
        spec.setMaxRedeliveries(0);

        assertThat(ResolvedFunction.of(function(spec)).deadLetterTopic()).isNull();
    }

    @Test
    void userConfigToleratesNullValuesAndIsACopy() {
        FunctionSpec spec = new FunctionSpec();
        spec.setInputs(List.of("in"));
        Map<String, Object> config = new HashMap<>();
        config.put("empty", null);
        config.put("n", 3);
        spec.setUserConfig(config);

        ResolvedFunction fn = ResolvedFunction.of(function(spec));
        config.put("later", "x");

        assertThat(fn.userConfig()).containsEntry("n", 3).containsKey("empty").doesNotContainKey("later");
    }
}
