package dev.magnetar.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.PulsarAuthSpec;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.api.yaml.FunctionDocuments;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionValidatorTest {

    static Function valid() {
        Function function = new Function();
        function.setMetadata(new ObjectMetaBuilder().withName("exclamation").build());
        FunctionSpec spec = new FunctionSpec();
        spec.setRuntime(new RuntimeSpec(null, "/opt/fn.jar", "org.example.Exclamation"));
        spec.setInputs(List.of("in"));
        spec.setOutput("out");
        function.setSpec(spec);
        return function;
    }

    private static List<String> fields(Function function) {
        return FunctionValidator.validate(function).stream().map(Violation::field).toList();
    }

    @Test
    void acceptsAMinimalFunction() {
        assertThat(FunctionValidator.validate(valid())).isEmpty();
    }

    @Test
    void reportsEveryViolationAtOnceEachNamingItsField() {
        Function function = valid();
        function.getMetadata().setName("Bad_Name");
        function.getSpec().setRuntime(new RuntimeSpec(null, null, "not a class"));
        function.getSpec().setInputs(List.of());
        function.getSpec().setConcurrency(0);
        function.getSpec().setTimeoutMs(-1L);

        assertThat(fields(function)).containsExactlyInAnyOrder(
                "metadata.name", "spec.runtime.className", "spec.runtime.jar", "spec.inputs",
                "spec.concurrency", "spec.timeoutMs");
    }

    @Test
    void refusesAnOutputThatIsAlsoAnInputAfterQualification() {
        Function function = valid();
        function.getSpec().setOutput("persistent://public/default/in");

        assertThat(FunctionValidator.validate(function))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("spec.output");
                    assertThat(v.message()).contains("also an input");
                });
    }

    @Test
    void refusesALogTopicThatIsAnInputOrNotATopicName() {
        Function function = valid();
        function.getSpec().setLogTopic("in");
        assertThat(FunctionValidator.validate(function)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.logTopic");
            assertThat(v.message()).contains("also an input");
        });

        function.getSpec().setLogTopic("a/b/c/d/e");
        assertThat(fields(function)).containsExactly("spec.logTopic");
        function.getSpec().setLogTopic("logs");
        assertThat(FunctionValidator.validate(function)).isEmpty();
    }

    @Test
    void effectivelyOnceIsRefusedWithAnyKindOfSubscription() {
        Function function = valid();
        function.getSpec().setProcessingGuarantee(ProcessingGuarantee.EFFECTIVELY_ONCE);
        assertThat(FunctionValidator.validate(function)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("spec.processingGuarantee");
            assertThat(violation.message()).contains("EFFECTIVELY_ONCE is not supported", "ATLEAST_ONCE");
        });

        function.getSpec().setSubscription(new SubscriptionSpec(null, SubscriptionType.Failover, null));
        assertThat(fields(function)).containsExactly("spec.processingGuarantee");

        function.getSpec().setProcessingGuarantee(ProcessingGuarantee.ATLEAST_ONCE);
        assertThat(FunctionValidator.validate(function)).isEmpty();
    }

    @Test
    void checksTopicNames() {
        Function function = valid();
        function.getSpec().setInputs(List.of("ok", "a/b", "http://x/y/z", "persistent://t/ns/"));
        function.getSpec().setDeadLetterTopic("bad topic");

        assertThat(fields(function)).containsExactlyInAnyOrder(
                "spec.inputs[1]", "spec.inputs[2]", "spec.inputs[3]", "spec.deadLetterTopic");
    }

    @Test
    void checksScalingResourcesEnvAndSecrets() {
        Function function = valid();
        FunctionSpec spec = function.getSpec();
        spec.setReplicas(-1);
        spec.setAutoscaling(new AutoscalingSpec(2, 1, 0L, 0, 101, -1, 3601, null, "hpa"));
        spec.setResources(new ResourcesSpec("lots", "512Mi"));
        spec.setEnv(Map.of("MAGNETAR_X", "1", "1BAD", "2"));
        spec.setSecrets(Map.of("DB_PASSWORD", new SecretRef("db", null)));

        assertThat(fields(function)).containsExactlyInAnyOrder(
                "spec.replicas", "spec.autoscaling.maxReplicas", "spec.autoscaling.targetBacklogPerReplica",
                "spec.autoscaling.targetInFlightPerReplica", "spec.autoscaling.targetCpuUtilization",
                "spec.autoscaling.scaleToZeroAfterSeconds", "spec.autoscaling.scaleUpStabilizationSeconds",
                "spec.autoscaling.engine", "spec.resources.cpu", "spec.env.MAGNETAR_X",
                "spec.env.1BAD", "spec.secrets.DB_PASSWORD.key");
    }

    @Test
    void acceptsAPulsarTokenFromASecret() {
        Function function = valid();
        function.getSpec().setPulsarAuth(new PulsarAuthSpec(new SecretRef("orders-fn", "token")));

        assertThat(FunctionValidator.validate(function)).isEmpty();
    }

    @Test
    void aPulsarAuthWithoutACompleteTokenNamesTheMissingField() {
        Function noToken = valid();
        noToken.getSpec().setPulsarAuth(new PulsarAuthSpec(null));
        Function noKey = valid();
        noKey.getSpec().setPulsarAuth(new PulsarAuthSpec(new SecretRef("orders-fn", " ")));

        assertThat(FunctionValidator.validate(noToken)).extracting(Object::toString).containsExactly(
                "spec.pulsarAuth.token: is required when spec.pulsarAuth is set: name the Secret and key holding"
                        + " the function's Pulsar token, or leave spec.pulsarAuth out");
        assertThat(FunctionValidator.validate(noKey)).extracting(Object::toString)
                .containsExactly("spec.pulsarAuth.token.key: is required: the key inside the Secret");
    }

    @Test
    void aSecretCannotTakeAPlatformVariableSuchAsThePulsarToken() {
        Function function = valid();
        function.getSpec().setSecrets(Map.of("MAGNETAR_PULSAR_AUTH_TOKEN", new SecretRef("jwt", "token")));

        assertThat(FunctionValidator.validate(function)).extracting(Object::toString).containsExactly(
                "spec.secrets.MAGNETAR_PULSAR_AUTH_TOKEN: the MAGNETAR_ prefix is reserved for the platform;"
                        + " the function's Pulsar token goes in spec.pulsarAuth.token");
    }

    @Test
    void resourcesBeyondWhatReadsThemAreViolations() {
        Function function = valid();
        function.getSpec().setResources(new ResourcesSpec("9".repeat(400), "995129999T"));

        assertThat(FunctionValidator.validate(function)).extracting(Violation::field)
                .containsExactly("spec.resources.cpu", "spec.resources.memory");
        function.getSpec().setResources(new ResourcesSpec("64", "8388607Ti"));
        assertThat(FunctionValidator.validate(function)).isEmpty();
    }

    @Test
    void anEnvironmentVariableWithoutAValueIsAViolationNotAFailureLater() {
        Function function = FunctionDocuments.parse(FunctionDocuments.toYaml(valid()).replace("spec:\n",
                "spec:\n  env:\n    EMPTY: \"\"\n    MISSING: ~\n"));

        assertThat(FunctionValidator.validate(function)).containsExactly(
                new Violation("spec.env.MISSING", "has no value: give a string (\"\" for an empty one)"));
        function.getSpec().getEnv().remove("MISSING");
        assertThat(ResolvedFunction.of(function).env()).containsEntry("EMPTY", "");
    }

    @Test
    void requireValidThrowsWithAllViolationsInTheMessage() {
        Function function = valid();
        function.getSpec().setRuntime(null);
        function.getSpec().setMaxRedeliveries(-2);

        assertThatThrownBy(() -> FunctionValidator.requireValid(function))
                .isInstanceOf(InvalidFunctionException.class)
                .hasMessageContaining("spec.runtime: is required")
                .hasMessageContaining("spec.maxRedeliveries: is -2")
                .satisfies(e -> assertThat(((InvalidFunctionException) e).violations()).hasSize(2));
    }

    @Test
    void tenantAndNamespaceMustBeUsableAsKubernetesLabelValues() {
        Function function = valid();
        function.getSpec().setTenant("team:a");
        function.getSpec().setNamespace("-etl");
        assertThat(fields(function)).containsExactlyInAnyOrder("spec.tenant", "spec.namespace");

        function.getSpec().setTenant("team_a.prod");
        function.getSpec().setNamespace("etl-2");
        assertThat(FunctionValidator.validate(function)).isEmpty();
    }

    @Test
    void aMissingSpecIsOneViolation() {
        Function function = valid();
        function.setSpec(null);
        assertThat(fields(function)).containsExactly("spec");
    }
}
