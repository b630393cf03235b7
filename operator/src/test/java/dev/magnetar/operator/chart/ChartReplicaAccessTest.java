package dev.magnetar.operator.chart;

import static dev.magnetar.operator.chart.ChartTemplates.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.security.keys.KeySetting;
import dev.magnetar.security.replica.ReplicaAccess;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The key replica access tokens are derived from: a Secret the chart makes (or the one named), read by the
 * controller only; and the controller's right to keep each function's token Secret.
 */
class ChartReplicaAccessTest {
    private static final String VARIABLE = "MAGNETAR_AUTH_REPLICA_ACCESS_KEY";

    @Test
    void theChartMakesAKeyTheControllerReadsByReferenceWhateverAuthSays() {
        for (Map<String, Object> values : List.of(Map.<String, Object>of(), Map.<String, Object>of("auth.enabled", "false"))) {
            List<HasMetadata> objects = render(values);

            Secret secret = ChartAuthTest.secret(objects, "magnetar-replica-access").orElseThrow();
            String setting = new String(Base64.getDecoder().decode(secret.getData().get("key")), StandardCharsets.UTF_8);
            assertThat(setting).startsWith("data:;base64,");
            new ReplicaAccess(KeySetting.read("replica access key", setting)); // refuses a short key
            EnvVar env = ChartAuthTest.env(ChartTemplates.deployment(objects, "magnetar-controller"), VARIABLE);
            assertThat(env.getValue()).isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("magnetar-replica-access");
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("key");
            assertThat(ChartTemplates.container(ChartTemplates.deployment(objects, "magnetar-gateway")).getEnv())
                    .as("the gateway never reads a replica").noneMatch(e -> e.getName().equals(VARIABLE));
        }
    }

    @Test
    void aNamedKeyIsReadAndNoneIsMade() {
        List<HasMetadata> objects = render(Map.of("auth.replicaAccessKey.secretName", "replica-key",
                "auth.replicaAccessKey.key", "hmac"));

        assertThat(ChartAuthTest.secret(objects, "magnetar-replica-access")).isEmpty();
        EnvVar env = ChartAuthTest.env(ChartTemplates.deployment(objects, "magnetar-controller"), VARIABLE);
        assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("replica-key");
        assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("hmac");
    }

    /** It creates and keeps each function's token Secret; garbage collection deletes it, and it lists none. */
    @Test
    void theControllerMayReadCreateAndUpdateSecretsAndNothingMore() {
        List<PolicyRule> rules = Stream.of(Map.<String, Object>of(), Map.<String, Object>of("controller.watchNamespaces[0]", "team-a"))
                .flatMap(values -> render(values).stream())
                .filter(o -> o.getMetadata().getName().equals("magnetar-controller"))
                .flatMap(o -> o instanceof ClusterRole role ? role.getRules().stream()
                        : o instanceof Role role ? role.getRules().stream() : Stream.empty())
                .filter(rule -> rule.getResources().contains("secrets")).toList();

        assertThat(rules).hasSize(3).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactly("secrets");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "create", "update");
            assertThat(rule.getResourceNames()).isNullOrEmpty();
        });
        assertThat(render(Map.of())).filteredOn(Role.class::isInstance)
                .filteredOn(o -> o.getMetadata().getName().equals("magnetar-gateway"))
                .singleElement().satisfies(role -> assertThat(((Role) role).getRules())
                        .noneMatch(rule -> rule.getResources().contains("secrets")));
    }
}
