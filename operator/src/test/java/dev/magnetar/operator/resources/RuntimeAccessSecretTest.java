package dev.magnetar.operator.resources;

import static dev.magnetar.operator.testing.TestFunctions.REPLICA_ACCESS;
import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static dev.magnetar.operator.testing.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.security.replica.ReplicaAccess;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeAccessSecretTest {

    @Test
    void holdsTheFunctionsReplicaAccessTokenOwnedByTheFunction() {
        Function function = function("exclaim");
        function.getSpec().setTenant("acme");
        function.getSpec().setNamespace("fns");

        Secret secret = RuntimeAccessSecret.desired(function, REPLICA_ACCESS);

        assertThat(secret.getMetadata().getName()).isEqualTo(FunctionNames.replicaAccessSecretName("exclaim"));
        assertThat(secret.getMetadata().getNamespace()).isEqualTo(function.getMetadata().getNamespace());
        assertThat(secret.getMetadata().getLabels()).isEqualTo(ChildMetadata.labels(ResolvedFunction.of(function)));
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo("uid-exclaim");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(token(secret)).isEqualTo(REPLICA_ACCESS.tokenFor("acme/fns/exclaim"));
    }

    @Test
    void eachFunctionGetsItsOwnToken() {
        assertThat(token(RuntimeAccessSecret.desired(function("one"), REPLICA_ACCESS)))
                .isNotEqualTo(token(RuntimeAccessSecret.desired(function("two"), REPLICA_ACCESS)));
    }

    @Test
    void aValueChangedByHandOrByAnotherKeyHasDrifted() {
        RuntimeAccessSecret dependent = new RuntimeAccessSecret(REPLICA_ACCESS);
        Secret desired = RuntimeAccessSecret.desired(function("exclaim"), REPLICA_ACCESS);
        Secret edited = RuntimeAccessSecret.desired(function("exclaim"), REPLICA_ACCESS);
        edited.setData(Map.of(RuntimeAccessSecret.TOKEN_KEY,
                Base64.getEncoder().encodeToString("guess".getBytes(StandardCharsets.UTF_8))));
        Secret emptied = RuntimeAccessSecret.desired(function("exclaim"), REPLICA_ACCESS);
        emptied.setData(null);
        Secret otherKey = RuntimeAccessSecret.desired(function("exclaim"), ReplicaAccess.random());
        Secret same = RuntimeAccessSecret.desired(function("exclaim"), REPLICA_ACCESS);

        assertThat(dependent.drifted(same, desired)).isFalse();
        assertThat(dependent.drifted(edited, desired)).isTrue();
        assertThat(dependent.drifted(emptied, desired)).isTrue();
        assertThat(dependent.drifted(otherKey, desired)).isTrue();
    }

    @Test
    void theReplicasReadTheTokenFromTheSecretAndTheDeploymentNeverHoldsIt() {
        Function function = function("exclaim");
        Secret secret = RuntimeAccessSecret.desired(function, REPLICA_ACCESS);

        Deployment deployment = RuntimeDeployment.desired(function, SETTINGS);

        EnvVar env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(RuntimeEnvironment.ACCESS_TOKEN)).findFirst().orElseThrow();
        assertThat(env.getValue()).isNull();
        assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
        assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(RuntimeAccessSecret.TOKEN_KEY);
        assertThat(env.getValueFrom().getSecretKeyRef().getOptional()).as("a replica without its token must not start")
                .isNotEqualTo(Boolean.TRUE);
        assertThat(Serialization.asJson(deployment)).doesNotContain(token(secret));
    }

    private static String token(Secret secret) {
        return new String(Base64.getDecoder().decode(secret.getData().get(RuntimeAccessSecret.TOKEN_KEY)),
                StandardCharsets.UTF_8);
    }
}
