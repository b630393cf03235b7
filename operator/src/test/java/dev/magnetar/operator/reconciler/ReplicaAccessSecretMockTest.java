package dev.magnetar.operator.reconciler;

import static dev.magnetar.operator.testing.TestFunctions.NAMESPACE;
import static dev.magnetar.operator.testing.TestFunctions.REPLICA_ACCESS;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.resources.RuntimeAccessSecret;
import dev.magnetar.operator.testing.FakeTopicProvisioner;
import dev.magnetar.operator.testing.TestFunctions;
import dev.magnetar.security.replica.ReplicaAccess;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each function's replica access Secret: made before the pods that read it, and kept holding the right token. */
@EnableKubernetesMockClient(crud = true)
class ReplicaAccessSecretMockTest {
    private static final String SECRET = FunctionNames.replicaAccessSecretName("exclaim");

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void theSecretIsCreatedBeforeTheDeploymentWhosePodsReadIt() throws InterruptedException {
        Function stored = client.resource(TestFunctions.function("exclaim")).create();
        drainRequests();

        reconcile(REPLICA_ACCESS);

        List<String> creations = drainRequests().stream().filter(request -> request.startsWith("POST ")).toList();
        assertThat(creations).filteredOn(request -> request.endsWith("/secrets") || request.endsWith("/deployments"))
                .containsExactly("POST /api/v1/namespaces/" + NAMESPACE + "/secrets",
                        "POST /apis/apps/v1/namespaces/" + NAMESPACE + "/deployments");
        assertThat(secret().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(stored.getMetadata().getUid()));
        assertThat(token(secret())).isEqualTo(REPLICA_ACCESS.tokenFor("public/default/exclaim"));
    }

    @Test
    void aTokenEditedByHandIsPutBackAndADeletedSecretIsRecreated() {
        client.resource(TestFunctions.function("exclaim")).create();
        reconcile(REPLICA_ACCESS);
        Secret edited = secret();
        edited.setData(Map.of(RuntimeAccessSecret.TOKEN_KEY, encode("chosen-by-hand")));
        client.resource(edited).update();

        reconcile(REPLICA_ACCESS);
        assertThat(token(secret())).isEqualTo(REPLICA_ACCESS.tokenFor("public/default/exclaim"));

        client.secrets().inNamespace(NAMESPACE).withName(SECRET).delete();
        reconcile(REPLICA_ACCESS);
        assertThat(token(secret())).isEqualTo(REPLICA_ACCESS.tokenFor("public/default/exclaim"));
    }

    @Test
    void anotherInstallationKeyRewritesTheToken() {
        client.resource(TestFunctions.function("exclaim")).create();
        reconcile(REPLICA_ACCESS);
        ReplicaAccess rotated = ReplicaAccess.random();

        reconcile(rotated);

        assertThat(token(secret())).isEqualTo(rotated.tokenFor("public/default/exclaim"))
                .isNotEqualTo(REPLICA_ACCESS.tokenFor("public/default/exclaim"));
    }

    private void reconcile(ReplicaAccess access) {
        Function function = client.resources(Function.class).inNamespace(NAMESPACE).withName("exclaim").get();
        new FunctionReconciler(client, SETTINGS, access, new PulsarTopics(new FakeTopicProvisioner()), Clock.systemUTC())
                .reconcile(function);
    }

    private Secret secret() {
        return client.secrets().inNamespace(NAMESPACE).withName(SECRET).get();
    }

    private static String token(Secret secret) {
        return new String(Base64.getDecoder().decode(secret.getData().get(RuntimeAccessSecret.TOKEN_KEY)),
                StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** "METHOD path" of every request the mock server received since the last call. */
    private List<String> drainRequests() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        var request = server.takeRequest(100, TimeUnit.MILLISECONDS);
        while (request != null) {
            requests.add(request.getMethod() + " " + request.getPath());
            request = server.takeRequest(100, TimeUnit.MILLISECONDS);
        }
        return requests;
    }
}
