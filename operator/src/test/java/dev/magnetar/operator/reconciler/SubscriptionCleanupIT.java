package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bridge.provision.PulsarTopicProvisioner;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.testing.TestFunctions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.util.List;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.junit.jupiter.api.Test;


/** The finalizer against a real (embedded) broker: the subscription exists, then is really gone. */
@EnableKubernetesMockClient(crud = true)
class SubscriptionCleanupIT {
    KubernetesClient client;

    @Test
    void deletingTheFunctionDeletesItsSubscriptionOnTheBroker() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        PulsarAdmin admin = pulsar.admin();
        String input = pulsar.uniqueTopic("k8s-cleanup-in");
        FunctionReconciler reconciler = new FunctionReconciler(client, SETTINGS, TestFunctions.REPLICA_ACCESS,
                new PulsarTopics(new PulsarTopicProvisioner(admin, false)), Clock.systemUTC());
        Function function = TestFunctions.function("cleanup");
        function.getSpec().setInputs(List.of(input));
        function.getSpec().setOutput(pulsar.uniqueTopic("k8s-cleanup-out"));
        function.getSpec().setCleanupSubscription(true);
        client.resource(function).create();

        reconciler.reconcile(get());
        assertThat(admin.topics().getSubscriptions(input)).containsExactly("public/default/cleanup");
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("fn-cleanup").get()).isNotNull();

        client.resources(Function.class).inNamespace(NAMESPACE).withName("cleanup").delete();
        ReconcileResult result = reconciler.reconcile(get());

        assertThat(result.requeueAfter()).isEmpty();
        assertThat(admin.topics().getSubscriptions(input)).isEmpty();
        assertThat(get()).isNull();
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("fn-cleanup").get()).isNull();
    }

    private Function get() {
        return client.resources(Function.class).inNamespace(NAMESPACE).withName("cleanup").get();
    }
}
