package dev.magnetar.operator.resources;

import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static dev.magnetar.operator.testing.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.PodOverlay;
import dev.magnetar.api.v1alpha1.PulsarAuthSpec;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;


class RuntimeDeploymentTest {

    @Test
    void namesLabelsAndOwnsTheDeployment() {
        Deployment deployment = RuntimeDeployment.desired(function("exclaim"), SETTINGS);

        assertThat(deployment.getMetadata().getName()).isEqualTo("fn-exclaim");
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(deployment.getMetadata().getLabels())
                .containsEntry(FunctionNames.LABEL_NAME, "exclaim")
                .containsEntry(FunctionNames.LABEL_MANAGED_BY, "magnetar");
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Function");
            assertThat(owner.getApiVersion()).isEqualTo("magnetar.dev/v1alpha1");
            assertThat(owner.getUid()).isEqualTo("uid-exclaim");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(FunctionNames.selectorLabels("public", "default", "exclaim"));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void passesTheFunctionAndPulsarToTheRuntime() {
        Function function = function("exclaim");
        Container container = container(RuntimeDeployment.desired(function, SETTINGS));

        assertThat(container.getImage()).isEqualTo(SETTINGS.defaultImage());
        Map<String, String> env = plainEnv(container);
        assertThat(env).containsEntry("MAGNETAR_PULSAR_URL", "pulsar://pulsar:6650")
                .containsEntry("MAGNETAR_HTTP_PORT", "9090")
                .doesNotContainKey("MAGNETAR_INSTANCE_ID");
        Function passed = Serialization.unmarshal(env.get("MAGNETAR_FUNCTION"), Function.class);
        assertThat(passed.getMetadata().getName()).isEqualTo("exclaim");
        assertThat(passed.getMetadata().getUid()).isNull();
        assertThat(passed.getSpec().getRuntime().className()).isEqualTo("com.example.Exclaim");
        assertThat(passed.getSpec().getInputs()).containsExactly("in-exclaim");
    }

    @Test
    void passesTheStateStorageUrlWhenTheOperatorHasOne() {
        assertThat(plainEnv(container(RuntimeDeployment.desired(function("exclaim"), SETTINGS))))
                .doesNotContainKey("MAGNETAR_STATE_STORAGE_URL");
        RuntimeSettings withState = new RuntimeSettings(SETTINGS.defaultImage(), SETTINGS.pulsarServiceUrl(),
                SETTINGS.httpPort(), SETTINGS.rolloutDeadline(), null, "bk://pulsar-bookie.pulsar.svc:4181");
        assertThat(plainEnv(container(RuntimeDeployment.desired(function("exclaim"), withState))))
                .containsEntry("MAGNETAR_STATE_STORAGE_URL", "bk://pulsar-bookie.pulsar.svc:4181");
    }

    @Test
    void functionJsonIgnoresServerManagedMetadataAndStatus() {
        Function first = function("exclaim");
        Function second = function("exclaim");
        second.getMetadata().setResourceVersion("42");
        second.getMetadata().setGeneration(7L);
        second.setStatus(new dev.magnetar.api.v1alpha1.FunctionStatus());

        assertThat(RuntimeDeployment.desired(second, SETTINGS)).isEqualTo(RuntimeDeployment.desired(first, SETTINGS));
    }

    @Test
    void specImageSecretsEnvAndTheFunctionsPulsarTokenBecomeEnvironment() {
        Function function = function("exclaim");
        function.getSpec().setRuntime(new RuntimeSpec("registry.example/exclaim:2", "/app/f.jar", "com.example.Exclaim"));
        function.getSpec().setSecrets(Map.of("API_KEY", new SecretRef("exclaim-secrets", "api-key")));
        function.getSpec().setEnv(Map.of("B_VAR", "b", "A_VAR", "a"));
        function.getSpec().setPulsarAuth(new PulsarAuthSpec(new SecretRef("pulsar-token", "jwt")));

        Container container = container(RuntimeDeployment.desired(function, SETTINGS));

        assertThat(container.getImage()).isEqualTo("registry.example/exclaim:2");
        assertThat(container.getEnv()).extracting(EnvVar::getName).containsExactly("MAGNETAR_FUNCTION",
                "MAGNETAR_PULSAR_URL", "MAGNETAR_HTTP_PORT", "MAGNETAR_INSTANCE_NAME", "MAGNETAR_HTTP_ACCESS_TOKEN",
                "MAGNETAR_PULSAR_AUTH_TOKEN", "API_KEY", "A_VAR", "B_VAR");
        assertThat(env(container, "MAGNETAR_INSTANCE_NAME").getValueFrom().getFieldRef().getFieldPath())
                .as("the pod's name names the replica").isEqualTo("metadata.name");
        EnvVar token = env(container, "MAGNETAR_PULSAR_AUTH_TOKEN");
        assertThat(token.getValue()).as("read from the Secret by the kubelet, never copied").isNull();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pulsar-token");
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("jwt");
        EnvVar secret = env(container, "API_KEY");
        assertThat(secret.getValue()).isNull();
        assertThat(secret.getValueFrom().getSecretKeyRef().getName()).isEqualTo("exclaim-secrets");
        assertThat(secret.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api-key");
    }

    @Test
    void theClustersAdminUrlReachesTheRuntimeWhenTheOperatorHasOne() {
        assertThat(plainEnv(container(RuntimeDeployment.desired(function("exclaim"), SETTINGS))))
                .doesNotContainKey("MAGNETAR_PULSAR_ADMIN_URL");
        RuntimeSettings withAdmin = new RuntimeSettings(SETTINGS.defaultImage(), SETTINGS.pulsarServiceUrl(),
                SETTINGS.httpPort(), SETTINGS.rolloutDeadline(), "http://pulsar:8080", null);
        assertThat(plainEnv(container(RuntimeDeployment.desired(function("exclaim"), withAdmin))))
                .containsEntry("MAGNETAR_PULSAR_ADMIN_URL", "http://pulsar:8080");
    }

    @Test
    void aFunctionWithoutItsOwnPulsarTokenGetsNone() {
        Container container = container(RuntimeDeployment.desired(function("exclaim"), SETTINGS));

        assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotContain("MAGNETAR_PULSAR_AUTH_TOKEN");
    }

    @Test
    void meetsTheRestrictedPodSecurityProfile() {
        PodSpec pod = RuntimeDeployment.desired(function("exclaim"), SETTINGS).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getHostNetwork()).isNull();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getPrivileged()).isNull();
        assertThat(container.getVolumeMounts()).singleElement().satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    }

    @Test
    void probesTheRuntimeHttpPort() {
        Container container = container(RuntimeDeployment.desired(function("exclaim"), SETTINGS));

        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(9090);
        });
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    }

    @Test
    void resourcesRequestCpuAndMemoryAndLimitMemory() {
        Function function = function("exclaim");
        function.getSpec().setResources(new ResourcesSpec("500m", "512Mi"));

        Container container = container(RuntimeDeployment.desired(function, SETTINGS));

        assertThat(container.getResources().getRequests())
                .containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("512Mi"));
        assertThat(container.getResources().getLimits()).containsOnlyKeys("memory");
        assertThat(container(RuntimeDeployment.desired(function("plain"), SETTINGS)).getResources()).isNull();
    }

    @Test
    void appliesThePodOverlayWithoutLosingTheSelector() {
        Function function = function("exclaim");
        function.getSpec().setPod(new PodOverlay(
                Map.of("team", "a", FunctionNames.LABEL_NAME, "hijack"),
                Map.of("prometheus.io/scrape", "true"),
                Map.of("disktype", "ssd"),
                List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").withEffect("NoSchedule").build()),
                null));

        var template = RuntimeDeployment.desired(function, SETTINGS).getSpec().getTemplate();

        assertThat(template.getMetadata().getLabels()).containsEntry("team", "a")
                .containsEntry(FunctionNames.LABEL_NAME, "exclaim");
        assertThat(template.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true");
        assertThat(template.getSpec().getNodeSelector()).containsEntry("disktype", "ssd");
        assertThat(template.getSpec().getTolerations()).singleElement()
                .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
    }

    @Test
    void replicasAreTheSpecsWhoeverWritesThem() {
        Function fixed = function("fixed");
        fixed.getSpec().setReplicas(3);
        Function scaled = autoscaled(1, 5, "magnetar");
        scaled.getSpec().setReplicas(3);

        assertThat(RuntimeDeployment.desired(fixed, SETTINGS).getSpec().getReplicas()).isEqualTo(3);
        assertThat(RuntimeDeployment.desired(function("defaulted"), SETTINGS).getSpec().getReplicas()).isEqualTo(1);
        assertThat(RuntimeDeployment.desired(scaled, SETTINGS).getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void anAutoscaledFunctionRunsZeroReplicasWhenScaledToZeroAndNeverMoreThanItsBounds() {
        Function idle = autoscaled(0, 5, null);
        idle.getSpec().setReplicas(0);
        Function scaledByHandAboveMax = autoscaled(0, 5, null);
        scaledByHandAboveMax.getSpec().setReplicas(9);
        Function belowMin = autoscaled(2, 5, null);
        belowMin.getSpec().setReplicas(0);

        assertThat(RuntimeDeployment.desired(idle, SETTINGS).getSpec().getReplicas()).isZero();
        assertThat(RuntimeDeployment.desired(scaledByHandAboveMax, SETTINGS).getSpec().getReplicas()).isEqualTo(5);
        assertThat(RuntimeDeployment.desired(belowMin, SETTINGS).getSpec().getReplicas()).isEqualTo(2);
        assertThat(RuntimeDeployment.desired(autoscaled(0, 5, null), SETTINGS).getSpec().getReplicas())
                .as("a new function starts with one replica, and scales to zero once idle").isEqualTo(1);
    }

    @Test
    void withKedaTheReplicasAreLeftToItsAutoscaler() {
        Function keda = autoscaled(0, 5, "keda");
        keda.getSpec().setReplicas(3);

        assertThat(RuntimeDeployment.desired(keda, SETTINGS).getSpec().getReplicas()).isNull();
    }

    @Test
    void rollsWithNoUnavailableReplicaAndAProgressDeadline() {
        Deployment deployment = RuntimeDeployment.desired(function("exclaim"), SETTINGS);

        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
        assertThat(deployment.getSpec().getProgressDeadlineSeconds())
                .isEqualTo((int) RuntimeSettings.DEFAULT_ROLLOUT_DEADLINE.toSeconds());
    }

    @Test
    void replicasChangedByHandAreDriftUnlessKedaOwnsThem() {
        RuntimeDeployment dependent = new RuntimeDeployment(SETTINGS);
        Function fixed = function("fixed");
        fixed.getSpec().setReplicas(3);
        Function autoscaled = autoscaled(1, 5, "magnetar");
        Function scaled = autoscaled(1, 5, "keda");
        Deployment observed = RuntimeDeployment.desired(fixed, SETTINGS);
        observed.getSpec().setReplicas(7);

        assertThat(dependent.drifted(observed, RuntimeDeployment.desired(fixed, SETTINGS))).isTrue();
        assertThat(dependent.drifted(RuntimeDeployment.desired(fixed, SETTINGS), RuntimeDeployment.desired(fixed, SETTINGS)))
                .isFalse();
        assertThat(dependent.drifted(observed, RuntimeDeployment.desired(autoscaled, SETTINGS))).isTrue();
        assertThat(dependent.drifted(observed, RuntimeDeployment.desired(scaled, SETTINGS))).isFalse();
    }

    @Test
    void anUpdateKeepsKedasReplicasAndARollingRestart() {
        RuntimeDeployment dependent = new RuntimeDeployment(SETTINGS);
        Function scaled = autoscaled(1, 5, "keda");
        Deployment observed = RuntimeDeployment.desired(scaled, SETTINGS);
        observed.getSpec().setReplicas(4);
        observed.getSpec().getTemplate().getMetadata().setAnnotations(
                Map.of(RuntimeDeployment.RESTARTED_AT, "2026-01-01T00:00:00Z"));
        Deployment desired = RuntimeDeployment.desired(scaled, SETTINGS);

        dependent.carryOver(observed, desired);

        assertThat(desired.getSpec().getReplicas()).isEqualTo(4);
        assertThat(desired.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(RuntimeDeployment.RESTARTED_AT, "2026-01-01T00:00:00Z");
    }

    private static Function autoscaled(int min, int max, String engine) {
        Function function = function("scaled");
        function.getSpec().setAutoscaling(new AutoscalingSpec(min, max, null, null, null, null, null, null, engine));
        return function;
    }

    @Test
    void leavesTheFunctionUntouched() {
        Function function = function("exclaim");
        String before = Serialization.asJson(function);

        RuntimeDeployment.desired(function, SETTINGS);

        assertThat(Serialization.asJson(function)).isEqualTo(before);
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, String> plainEnv(Container container) {
        Map<String, String> env = new java.util.HashMap<>();
        container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }
}
