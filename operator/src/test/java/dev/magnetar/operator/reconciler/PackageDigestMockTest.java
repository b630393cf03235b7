package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A jar kept in Pulsar names its SHA-256: the status shows it, and the replicas are told to check their jar
 * against it. A jar inside an image has no digest the operator knows.
 */
@EnableKubernetesMockClient(crud = true)
class PackageDigestMockTest {
    private static final String DIGEST = "d".repeat(64);

    KubernetesClient client;
    FunctionReconciler reconciler;

    @BeforeEach
    void setUp() {
        FakeTopicProvisioner pulsar = new FakeTopicProvisioner();
        reconciler = new FunctionReconciler(client, SETTINGS, TestFunctions.REPLICA_ACCESS, new PulsarTopics(pulsar, pulsar),
                Clock.systemUTC());
    }

    @Test
    void aPackagesDigestIsInTheStatusAndTheReplicasEnvironment() {
        Function function = TestFunctions.function("exclaim");
        function.getSpec().setRuntime(new RuntimeSpec(null, new PulsarPackage(PulsarPackage.topicOf("public",
                "default", "exclaim"), DIGEST).location(), "com.example.Exclaim"));

        Function reconciled = reconcile(function);

        assertThat(reconciled.getStatus().getPackageSha256()).isEqualTo(DIGEST);
        assertThat(environment()).filteredOn(env -> env.getName().equals(Option.PACKAGE_SHA256.variable()))
                .singleElement().extracting(EnvVar::getValue).isEqualTo(DIGEST);
    }

    @Test
    void aJarInsideTheImageHasNone() {
        Function reconciled = reconcile(TestFunctions.function("exclaim"));

        assertThat(reconciled.getStatus().getPackageSha256()).isNull();
        assertThat(environment()).extracting(EnvVar::getName).doesNotContain(Option.PACKAGE_SHA256.variable());
    }

    private Function reconcile(Function function) {
        client.resource(function).create();
        reconciler.reconcile(client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").get());
        return client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").get();
    }

    private List<EnvVar> environment() {
        Deployment deployment = client.apps().deployments().inNamespace(NAMESPACE)
                .withName(FunctionNames.workloadName("exclaim")).get();
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    }
}
