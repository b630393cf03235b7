package dev.magnetar.operator.resources;

import static dev.magnetar.operator.testing.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.operator.resources.keda.KedaSettings;
import dev.magnetar.operator.resources.keda.ScaledObject;
import dev.magnetar.operator.resources.keda.ScaledObjectSpec.Trigger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeScaledObjectTest {
    private static final KedaSettings KEDA = KedaSettings.unauthenticated("http://pulsar-broker.pulsar.svc:8080");

    @Test
    void onlyForEngineKeda() {
        assertThat(new RuntimeScaledObject(KEDA).desired(function("fixed"))).isEmpty();
        assertThat(new RuntimeScaledObject(KEDA).desired(autoscaled(spec(1, 4, null, "magnetar")))).isEmpty();
        assertThat(new RuntimeScaledObject(KEDA).desired(autoscaled(spec(1, 4, null, null)))).isEmpty();
        assertThat(new RuntimeScaledObject(KEDA).desired(autoscaled(spec(1, 4, null, "keda")))).isPresent();
    }

    @Test
    void kedasPulsarScalerOnTheFunctionsSubscriptionScalesItsDeployment() {
        Function function = autoscaled(new AutoscalingSpec(0, 8, 250L, null, null, 120, 15, 90, "keda"));
        function.getSpec().setInputs(List.of("orders", "persistent://acme/shop/returns"));
        function.getSpec().setSubscription(new SubscriptionSpec("exclaim-sub", null, null));

        ScaledObject object = new RuntimeScaledObject(KEDA).desired(function).orElseThrow();

        assertThat(object.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat(object.getKind()).isEqualTo("ScaledObject");
        assertThat(object.getMetadata().getName()).isEqualTo("fn-exclaim");
        assertThat(object.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("Function"));
        var spec = object.getSpec();
        assertThat(spec.scaleTargetRef().kind()).isEqualTo("Deployment");
        assertThat(spec.scaleTargetRef().name()).isEqualTo("fn-exclaim");
        assertThat(spec.minReplicaCount()).isZero();
        assertThat(spec.maxReplicaCount()).isEqualTo(8);
        assertThat(spec.cooldownPeriod()).as("scaleToZeroAfterSeconds").isEqualTo(120);
        var behavior = spec.advanced().horizontalPodAutoscalerConfig().behavior();
        assertThat(behavior.getScaleUp().getStabilizationWindowSeconds()).isEqualTo(15);
        assertThat(behavior.getScaleDown().getStabilizationWindowSeconds()).isEqualTo(90);
        assertThat(spec.triggers()).extracting(Trigger::type).containsExactly("pulsar", "pulsar");
        assertThat(spec.triggers().get(0).metadata()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "adminURL", "http://pulsar-broker.pulsar.svc:8080",
                "topic", "persistent://public/default/orders",
                "subscription", "exclaim-sub",
                "msgBacklogThreshold", "250",
                "activationMsgBacklogThreshold", "0"));
        assertThat(spec.triggers().get(1).metadata()).containsEntry("topic", "persistent://acme/shop/returns");
        assertThat(spec.triggers().get(0).authenticationRef()).isNull();
    }

    @Test
    void defaultsAndACpuTargetAndCredentials() {
        KedaSettings withCredentials = new KedaSettings("https://pulsar:8443", "pulsar-admin",
                KedaSettings.CLUSTER_TRIGGER_AUTHENTICATION, "bearer");
        Function function = autoscaled(new AutoscalingSpec(null, 3, null, null, 75, null, null, null, "keda"));

        var spec = new RuntimeScaledObject(withCredentials).desired(function).orElseThrow().getSpec();

        assertThat(spec.minReplicaCount()).isEqualTo(1);
        assertThat(spec.cooldownPeriod()).isEqualTo(60);
        assertThat(spec.triggers().get(0).metadata()).containsEntry("msgBacklogThreshold", "100")
                .containsEntry("authModes", "bearer")
                .containsEntry("subscription", "public/default/exclaim");
        assertThat(spec.triggers().get(0).authenticationRef().name()).isEqualTo("pulsar-admin");
        assertThat(spec.triggers().get(0).authenticationRef().kind()).isEqualTo("ClusterTriggerAuthentication");
        assertThat(spec.triggers().get(1)).isEqualTo(new Trigger("cpu", "Utilization", Map.of("value", "75"), null));
    }

    @Test
    void aFunctionWithOnlyATopicsPatternHasNone() {
        Function function = autoscaled(spec(1, 4, null, "keda"));
        function.getSpec().setInputs(null);
        function.getSpec().setTopicsPattern("events-.*");

        assertThat(new RuntimeScaledObject(KEDA).desired(function)).isEmpty();
    }

    @Test
    void anUpdateKeepsWhatKedaAddedToTheObject() {
        RuntimeScaledObject dependent = new RuntimeScaledObject(KEDA);
        Function function = autoscaled(spec(1, 4, null, "keda"));
        ScaledObject observed = dependent.desired(function).orElseThrow();
        observed.getMetadata().setFinalizers(List.of("finalizer.keda.sh"));
        observed.getMetadata().getLabels().put("scaledobject.keda.sh/name", "fn-exclaim");
        ScaledObject desired = dependent.desired(function).orElseThrow();

        dependent.carryOver(observed, desired);

        assertThat(desired.getMetadata().getFinalizers()).containsExactly("finalizer.keda.sh");
        assertThat(desired.getMetadata().getLabels()).containsEntry("scaledobject.keda.sh/name", "fn-exclaim")
                .containsEntry("magnetar.dev/function", "exclaim");
    }

    private static AutoscalingSpec spec(Integer min, int max, Long backlog, String engine) {
        return new AutoscalingSpec(min, max, backlog, null, null, null, null, null, engine);
    }

    private static Function autoscaled(AutoscalingSpec autoscaling) {
        Function function = function("exclaim");
        function.getSpec().setAutoscaling(autoscaling);
        return function;
    }
}
