package dev.magnetar.operator.chart;

import static dev.magnetar.operator.chart.ChartTemplates.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.controlplane.security.AuthConfig;
import dev.magnetar.controlplane.security.ListenPolicy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the chart turns on authentication for the controller and the gateway: secure by default, with a token key
 * the chart makes or the one named, mounted as a file whose URL the pods are given; off only when asked, and then
 * explicitly insecure. Both listen beyond loopback, which the control plane allows only in those two cases.
 */
class ChartAuthTest {
    private static final List<String> PLATFORM = List.of("magnetar-controller", "magnetar-gateway");

    @Test
    void authIsOnByDefaultWithAKeyTheChartMakesMountedAsAFile() {
        List<HasMetadata> objects = render(Map.of());

        Secret key = secret(objects, "magnetar-token-key").orElseThrow();
        assertThat(Base64.getDecoder().decode(key.getData().get("SECRETKEY"))).as("an HS256 key")
                .hasSizeGreaterThanOrEqualTo(32);
        for (String name : PLATFORM) {
            Deployment deployment = ChartTemplates.deployment(objects, name);
            Map<String, String> env = ChartTemplates.plainEnv(deployment);
            assertThat(env).as(name).containsEntry("MAGNETAR_AUTH_ENABLED", "true")
                    .containsEntry("MAGNETAR_AUTH_SUPERUSER_ROLES", "admin")
                    .containsEntry("MICRONAUT_SERVER_HOST", "0.0.0.0")
                    .doesNotContainKeys("MAGNETAR_AUTH_INSECURE_NO_AUTH", "MAGNETAR_AUTH_TOKEN_PUBLIC_KEY");
            assertThat(env.get("MAGNETAR_AUTH_TOKEN_SECRET_KEY")).as(name)
                    .isEqualTo("file://" + mountedFile(deployment, "magnetar-token-key", "SECRETKEY"));
        }
    }

    @Test
    void theEnvironmentBindsToTheAuthConfigurationAndMayListenBeyondLoopback() {
        for (Map<String, Object> values : List.of(Map.<String, Object>of(), Map.<String, Object>of("auth.enabled", "false"))) {
            List<HasMetadata> objects = render(values);
            Deployment controller = ChartTemplates.deployment(objects, "magnetar-controller");
            assertThat(serverAndAuth(ChartTemplates.deployment(objects, "magnetar-gateway")))
                    .as("the gateway authenticates as the controller does").isEqualTo(serverAndAuth(controller));
            Map<String, Object> env = new LinkedHashMap<>(ChartTemplates.plainEnv(controller));
            env.remove("MAGNETAR_MODE"); // binding only: no API server here
            try (ApplicationContext context = ApplicationContext.builder()
                    .properties(Map.of("micronaut.health.monitor.enabled", false))
                    .propertySources(PropertySource.of("chart", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                    .start()) {
                AuthConfig auth = context.getBean(AuthConfig.class);
                String host = context.getProperty("micronaut.server.host", String.class).orElse(null);

                assertThat(host).isEqualTo("0.0.0.0");
                ListenPolicy.check(host, auth); // throws when the pods would refuse to start
                if (auth.enabled()) {
                    assertThat(auth.superuserRoles()).containsExactly("admin");
                    assertThat(auth.tokenSecretKey()).startsWith("file:///");
                    assertThat(auth.tokenAuthClaim()).isEqualTo("sub");
                    assertThat(auth.tokenAudienceClaim()).isEqualTo("aud");
                } else {
                    assertThat(auth.insecureNoAuth()).isTrue();
                }
            }
        }
    }

    @Test
    void aNamedSecretKeyIsMountedAndNoneIsMade() {
        List<HasMetadata> objects = render(Map.of("auth.tokenSecretKey.secretName", "pulsar-token-symmetric-key",
                "auth.superuserRoles[0]", "admin", "auth.superuserRoles[1]", "ops", "auth.tokenAudience", "magnetar"));

        assertThat(secret(objects, "magnetar-token-key")).isEmpty();
        for (String name : PLATFORM) {
            Deployment deployment = ChartTemplates.deployment(objects, name);
            assertThat(ChartTemplates.plainEnv(deployment)).as(name)
                    .containsEntry("MAGNETAR_AUTH_TOKEN_SECRET_KEY",
                            "file://" + mountedFile(deployment, "pulsar-token-symmetric-key", "SECRETKEY"))
                    .containsEntry("MAGNETAR_AUTH_SUPERUSER_ROLES", "admin,ops")
                    .containsEntry("MAGNETAR_AUTH_TOKEN_AUDIENCE", "magnetar");
        }
    }

    @Test
    void aNamedPublicKeyIsMountedWithItsAlgorithm() {
        List<HasMetadata> objects = render(Map.of("auth.tokenPublicKey.secretName", "pulsar-token-asymmetric-key",
                "auth.tokenPublicAlg", "ES256"));

        assertThat(secret(objects, "magnetar-token-key")).isEmpty();
        for (String name : PLATFORM) {
            Deployment deployment = ChartTemplates.deployment(objects, name);
            assertThat(ChartTemplates.plainEnv(deployment)).as(name)
                    .containsEntry("MAGNETAR_AUTH_TOKEN_PUBLIC_KEY",
                            "file://" + mountedFile(deployment, "pulsar-token-asymmetric-key", "PUBLICKEY"))
                    .containsEntry("MAGNETAR_AUTH_TOKEN_PUBLIC_ALG", "ES256")
                    .doesNotContainKey("MAGNETAR_AUTH_TOKEN_SECRET_KEY");
        }
    }

    @Test
    void namingBothKeysIsRefusedSayingWhichValues() {
        assertThatThrownBy(() -> render(Map.of("auth.tokenSecretKey.secretName", "a",
                "auth.tokenPublicKey.secretName", "b")))
                .hasMessageContaining("auth.tokenSecretKey.secretName and auth.tokenPublicKey.secretName are both set");
    }

    @Test
    void authOffIsExplicitlyInsecureWithNoKey() {
        List<HasMetadata> objects = render(Map.of("auth.enabled", "false"));

        assertThat(secret(objects, "magnetar-token-key")).isEmpty();
        for (String name : PLATFORM) {
            Deployment deployment = ChartTemplates.deployment(objects, name);
            assertThat(ChartTemplates.plainEnv(deployment)).as(name).containsEntry("MAGNETAR_AUTH_ENABLED", "false")
                    .containsEntry("MAGNETAR_AUTH_INSECURE_NO_AUTH", "true")
                    .doesNotContainKeys("MAGNETAR_AUTH_TOKEN_SECRET_KEY", "MAGNETAR_AUTH_TOKEN_PUBLIC_KEY");
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).as(name)
                    .allSatisfy(volume -> assertThat(volume.getSecret()).isNull());
        }
    }

    @Test
    void theNotesSayHowToMintATokenFromTheKeyOrWarnWhenAuthIsOff() {
        String generated = ChartTemplates.notes(Map.of());
        String named = ChartTemplates.notes(Map.of("auth.tokenSecretKey.secretName", "my-key",
                "auth.tokenSecretKey.key", "hs256"));
        String off = ChartTemplates.notes(Map.of("auth.enabled", "false"));

        assertThat(generated).contains("kubectl get secret -n magnetar-system magnetar-token-key"
                        + " -o jsonpath='{.data.SECRETKEY}' | base64 -d > secret.key")
                .contains("magnetar tokens create --secret-key file://$PWD/secret.key --subject admin")
                .doesNotContain("WARNING");
        assertThat(named).contains("kubectl get secret -n magnetar-system my-key -o jsonpath='{.data.hs256}'");
        assertThat(off).contains("WARNING: authentication is OFF").doesNotContain("tokens create");
    }

    /** The plain variables that decide where the application listens and how it authenticates. */
    private static Map<String, String> serverAndAuth(Deployment deployment) {
        Map<String, String> env = new LinkedHashMap<>(ChartTemplates.plainEnv(deployment));
        env.keySet().removeIf(name -> !name.startsWith("MAGNETAR_AUTH_") && !name.startsWith("MICRONAUT_SERVER_"));
        return env;
    }

    /** The path of {@code key} of Secret {@code secret} inside the deployment's container, read-only. */
    private static String mountedFile(Deployment deployment, String secret, String key) {
        Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null && secret.equals(v.getSecret().getSecretName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume of Secret " + secret));
        String path = volume.getSecret().getItems().stream().filter(item -> item.getKey().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("Secret " + secret + " mounts no " + key)).getPath();
        Container container = ChartTemplates.container(deployment);
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("volume " + volume.getName() + " is not mounted"));
        assertThat(mount.getReadOnly()).isTrue();
        return mount.getMountPath() + "/" + path;
    }

    static Optional<Secret> secret(List<HasMetadata> objects, String name) {
        return objects.stream().filter(Secret.class::isInstance).map(Secret.class::cast)
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst();
    }

    static EnvVar env(Deployment deployment, String name) {
        return ChartTemplates.container(deployment).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " has no " + name));
    }
}
