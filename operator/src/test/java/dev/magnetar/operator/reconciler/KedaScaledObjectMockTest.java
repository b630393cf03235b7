package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.resources.keda.KedaSettings;
import dev.magnetar.operator.resources.keda.ScaledObject;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code autoscaling.engine: keda}: the ScaledObject, after the topics, and a clear word when KEDA is missing. */
@EnableKubernetesMockClient(crud = true)
class KedaScaledObjectMockTest {
    private static final String SCALED_OBJECTS = "/apis/keda.sh/v1alpha1/namespaces/" + NAMESPACE + "/scaledobjects";

    KubernetesMockServer server;
    KubernetesClient client;
    FakeTopicProvisioner pulsar;
    FunctionReconciler reconciler;

    @BeforeEach
    void setUp() {
        pulsar = new FakeTopicProvisioner();
        reconciler = new FunctionReconciler(client, SETTINGS, KedaSettings.unauthenticated("http://pulsar:8080"),
                TestFunctions.REPLICA_ACCESS, new PulsarTopics(pulsar), Clock.systemUTC());
    }

    @Test
    void aScaledObjectOwnedByTheFunctionScalesItsDeploymentOnceTheSubscriptionExists() {
        pulsar.onEnsure(function -> assertThat(scaledObject()).as("ScaledObject at topic provisioning").isNull());
        client.resource(keda("exclaim")).create();

        reconciler.reconcile(get());

        ScaledObject object = scaledObject();
        assertThat(object.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("Function"));
        assertThat(object.getSpec().scaleTargetRef().name()).isEqualTo(deployment().getMetadata().getName());
        assertThat(object.getSpec().triggers().get(0).metadata()).containsEntry("adminURL", "http://pulsar:8080")
                .containsEntry("subscription", "public/default/exclaim");
        assertThat(deployment().getSpec().getReplicas()).as("KEDA's to set").isNull();
        Condition autoscaler = condition(get(), "Autoscaler");
        assertThat(autoscaler.getStatus()).isEqualTo("True");
        assertThat(autoscaler.getReason()).isEqualTo(AutoscalerPart.KEDA_SCALED_OBJECT);
        assertThat(autoscaler.getMessage()).contains("persistent://public/default/in-exclaim");
    }

    @Test
    void switchingToMagnetarsAutoscalerRemovesTheScaledObjectAndGivesTheDeploymentACount() {
        client.resource(keda("exclaim")).create();
        reconciler.reconcile(get());
        Function magnetar = get();
        magnetar.getSpec().setAutoscaling(new AutoscalingSpec(0, 5, null, null, null, null, null, null, "magnetar"));
        client.resource(magnetar).update();

        reconciler.reconcile(get());

        assertThat(scaledObject()).isNull();
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void withoutKedaInTheClusterTheFunctionSaysSoAndRunsAnyway() {
        server.expect().post().withPath(SCALED_OBJECTS).andReturn(404, new StatusBuilder().withCode(404)
                .withReason("NotFound").withMessage("the server could not find the requested resource").build()).always();
        client.resource(keda("exclaim")).create();

        ReconcileResult result = reconciler.reconcile(get());

        assertThat(result.requeueAfter()).isEmpty();
        Function function = get();
        Condition autoscaler = condition(function, "Autoscaler");
        assertThat(autoscaler.getStatus()).isEqualTo("False");
        assertThat(autoscaler.getReason()).isEqualTo(AutoscalerPart.KEDA_NOT_INSTALLED);
        assertThat(autoscaler.getMessage()).contains("KEDA is not installed").contains("autoscaling.engine to magnetar");
        assertThat(condition(function, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(function, "Ready").getMessage()).contains("Autoscaler: autoscaling.engine is keda");
        assertThat(deployment()).isNotNull();
        assertThat(condition(function, "Service").getStatus()).isEqualTo("True");
        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
                .anyMatch(event -> AutoscalerPart.KEDA_NOT_INSTALLED.equals(event.getReason())
                        && "Warning".equals(event.getType()));
    }

    @Test
    void aFunctionWithOnlyATopicsPatternIsToldToNameItsInputs() {
        Function function = keda("exclaim");
        function.getSpec().setInputs(null);
        function.getSpec().setTopicsPattern("events-.*");
        client.resource(function).create();

        reconciler.reconcile(get());

        assertThat(condition(get(), "Autoscaler").getReason()).isEqualTo(AutoscalerPart.KEDA_NEEDS_NAMED_TOPICS);
        assertThat(scaledObject()).isNull();
    }

    private static Function keda(String name) {
        Function function = TestFunctions.function(name);
        function.getSpec().setAutoscaling(new AutoscalingSpec(0, 5, 50L, null, null, null, null, null, "keda"));
        return function;
    }

    private Function get() {
        return client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").get();
    }

    private ScaledObject scaledObject() {
        return client.resources(ScaledObject.class).inNamespace(NAMESPACE).withName("fn-exclaim").get();
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName("fn-exclaim").get();
    }

    private static Condition condition(Function function, String type) {
        return function.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + function.getStatus().getConditions()));
    }
}
