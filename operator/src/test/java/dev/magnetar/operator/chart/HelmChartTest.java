package dev.magnetar.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.magnetar.api.state.StateStorageSettings;
import com.marcnuri.helm.LintResult;
import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.gateway.http.GatewayConfig;
import dev.magnetar.operator.config.KubernetesModeConfig;
import dev.magnetar.operator.config.LeaderElectionConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;


/** The Helm chart, linted and rendered by helm-java (no helm binary), its objects parsed and checked. */
class HelmChartTest {
    private static final Path CHART = Path.of(System.getProperty("magnetar.home", ".."), "charts", "magnetar");
    private static final String GENERATED_CRD = "META-INF/fabric8/functions.magnetar.dev-v1.yml";

    @Test
    void lintsCleanly() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("helm lint: %s", lint.getMessages()).isFalse();
    }

    @Test
    void rendersTheControllerGatewayAndRbacWithDefaults() {
        List<HasMetadata> objects = render(Map.of());

        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).contains(
                "Deployment/magnetar-controller", "Deployment/magnetar-gateway", "Service/magnetar-controller",
                "Service/magnetar-gateway", "HorizontalPodAutoscaler/magnetar-gateway", "ServiceAccount/magnetar-controller",
                "ClusterRole/magnetar-controller", "ClusterRoleBinding/magnetar-controller", "Role/magnetar-controller-leader");
        Deployment controller = deployment(objects, "magnetar-controller");
        assertThat(controller.getSpec().getReplicas()).isEqualTo(2);
        Map<String, String> env = plainEnv(controller);
        assertThat(env).containsEntry("MAGNETAR_MODE", "kubernetes")
                .containsEntry("MAGNETAR_KUBERNETES_RUNTIME_IMAGE", "docker.io/magnetar/runtime-java:0.1.0")
                .doesNotContainKey("MAGNETAR_KUBERNETES_PULSAR_TOKEN_SECRET_NAME");
        assertThat(deployment(objects, "magnetar-gateway").getSpec().getReplicas()).as("the HPA owns it").isNull();
    }

    @Test
    void rendersNonDefaultValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("image.registry", "registry.example");
        values.put("controller.replicas", "3");
        values.put("controller.watchNamespaces[0]", "team-a");
        values.put("controller.watchNamespaces[1]", "team-b");
        values.put("pulsar.auth.tokenSecret.name", "pulsar-jwt");
        values.put("pulsar.serviceUrl", "pulsar+ssl://pulsar.example:6651");
        values.put("gateway.autoscaling.enabled", "false");
        values.put("gateway.replicas", "4");
        values.put("nodeSelector.disktype", "ssd");

        List<HasMetadata> objects = render(values);

        Deployment controller = deployment(objects, "magnetar-controller");
        assertThat(controller.getSpec().getReplicas()).isEqualTo(3);
        assertThat(container(controller).getImage()).startsWith("registry.example/magnetar/controller:");
        assertThat(plainEnv(controller)).containsEntry("MAGNETAR_KUBERNETES_WATCH_NAMESPACES", "team-a,team-b")
                .containsEntry("MAGNETAR_PULSAR_SERVICE_URL", "pulsar+ssl://pulsar.example:6651")
                .as("the controller's own token is not handed on to functions")
                .doesNotContainKeys("MAGNETAR_KUBERNETES_PULSAR_TOKEN_SECRET_NAME",
                        "MAGNETAR_KUBERNETES_PULSAR_TOKEN_SECRET_KEY");
        EnvVar token = container(controller).getEnv().stream()
                .filter(e -> e.getName().equals("MAGNETAR_PULSAR_AUTH_TOKEN")).findFirst().orElseThrow();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pulsar-jwt");
        assertThat(controller.getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("disktype", "ssd");
        assertThat(objects).noneMatch(HorizontalPodAutoscaler.class::isInstance);
        assertThat(deployment(objects, "magnetar-gateway").getSpec().getReplicas()).isEqualTo(4);
    }

    @Test
    void theControllerEnvironmentBindsToItsConfiguration() {
        Map<String, Object> values = Map.of("pulsar.auth.tokenSecret.name", "pulsar-jwt",
                "controller.watchNamespaces[0]", "team-a", "controller.watchNamespaces[1]", "team-b");
        Map<String, Object> env = new LinkedHashMap<>(plainEnv(deployment(render(values), "magnetar-controller")));
        env.remove("MAGNETAR_MODE"); // binding only: no API server here

        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(PropertySource.of("chart", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start()) {
            KubernetesModeConfig config = context.getBean(KubernetesModeConfig.class);

            assertThat(config.runtimeImage()).isEqualTo("docker.io/magnetar/runtime-java:0.1.0");
            assertThat(config.runtimeHttpPort()).isEqualTo(9090);
            assertThat(config.watchNamespaces()).containsExactly("team-a", "team-b");
            assertThat(config.resyncPeriod()).isEqualTo(Duration.ofMinutes(10));
            LeaderElectionConfig leader = context.getBean(LeaderElectionConfig.class);
            assertThat(leader.leaseName()).isEqualTo("magnetar-controller");
            assertThat(leader.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
            assertThat(leader.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
            assertThat(leader.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void theStateStorageServiceUrlReachesTheControllersConfiguration() {
        Map<String, Object> env = new LinkedHashMap<>(plainEnv(deployment(render(Map.of("stateStorageServiceUrl",
                "bk://pulsar-bookie.pulsar.svc:4181")), "magnetar-controller")));
        env.remove("MAGNETAR_MODE");
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(PropertySource.of("chart", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start()) {
            assertThat(context.getProperty(StateStorageSettings.URL_PROPERTY, String.class))
                    .contains("bk://pulsar-bookie.pulsar.svc:4181");
        }
        assertThat(plainEnv(deployment(render(Map.of()), "magnetar-controller")))
                .containsEntry("MAGNETAR_STATE_STORAGE_URL", "");
    }

    @Test
    void theGatewayAndTheControllerEachRunOnlyTheirPartAndAreProbedOnTheHealthEndpoint() {
        List<HasMetadata> objects = render(Map.of());
        Map<String, Object> controllerEnv = new LinkedHashMap<>(plainEnv(deployment(objects, "magnetar-controller")));
        Map<String, Object> gatewayEnv = new LinkedHashMap<>(plainEnv(deployment(objects, "magnetar-gateway")));

        assertThat(boundProperty(controllerEnv, GatewayConfig.ENABLED_PROPERTY)).isEqualTo("false");
        assertThat(boundProperty(controllerEnv, ControlPlaneConfig.CONTROLLER_ENABLED_PROPERTY)).isNull();
        assertThat(boundProperty(gatewayEnv, ControlPlaneConfig.CONTROLLER_ENABLED_PROPERTY)).isEqualTo("false");
        assertThat(boundProperty(gatewayEnv, GatewayConfig.ENABLED_PROPERTY)).isNull();
        assertThat(boundProperty(gatewayEnv, KubernetesModeConfig.MODE_PROPERTY)).isEqualTo(KubernetesModeConfig.KUBERNETES);
        for (String name : List.of("magnetar-controller", "magnetar-gateway")) {
            Container container = container(deployment(objects, name));
            // The paths SeparateGatewayAndControllerIT proves are served by each part.
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/health/readiness");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).as(name).isEqualTo("http");
        }
    }

    @Test
    void watchingNamespacesGrantsRolesThereInsteadOfAClusterRole() {
        List<HasMetadata> objects = render(Map.of("controller.watchNamespaces[0]", "team-a",
                "controller.watchNamespaces[1]", "team-b"));

        assertThat(objects).noneMatch(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding);
        assertThat(objects).filteredOn(Role.class::isInstance)
                .filteredOn(o -> o.getMetadata().getName().equals("magnetar-controller"))
                .extracting(o -> o.getMetadata().getNamespace())
                .as("the watched namespaces, and the release namespace where the admin API writes")
                .containsExactlyInAnyOrder("team-a", "team-b", "magnetar-system");
        assertThat(objects).filteredOn(RoleBinding.class::isInstance)
                .filteredOn(o -> o.getMetadata().getName().equals("magnetar-controller"))
                .allSatisfy(o -> assertThat(((RoleBinding) o).getSubjects()).singleElement()
                        .satisfies(subject -> assertThat(subject.getNamespace()).isEqualTo("magnetar-system")))
                .hasSize(3);
        assertThat(render(Map.of())).anyMatch(o -> o instanceof ClusterRole && o.getMetadata().getName().equals("magnetar-controller"));
    }

    @Test
    void theChartsCrdEqualsTheGeneratedOne() throws IOException {
        String copy = Files.readString(CHART.resolve("crds").resolve("functions.magnetar.dev-v1.yml"));
        String generated;
        try (InputStream in = Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream(GENERATED_CRD),
                "platform-api's generated CRD is not on the class path")) {
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(copy).isEqualTo(generated);
        CustomResourceDefinition crd = Serialization.unmarshal(copy, CustomResourceDefinition.class);
        assertThat(crd.getMetadata().getName()).isEqualTo("functions.magnetar.dev");
        assertThat(crd.getSpec().getVersions()).anySatisfy(version -> {
            assertThat(version.getName()).isEqualTo("v1alpha1");
            assertThat(version.getSubresources().getScale().getSpecReplicasPath()).isEqualTo(".spec.replicas");
        });
    }

    @Test
    void everyPodMeetsTheRestrictedProfile() {
        for (Map<String, Object> values : List.of(Map.<String, Object>of(), Map.<String, Object>of("gateway.autoscaling.enabled", "false"))) {
            List<Deployment> deployments = render(values).stream().filter(Deployment.class::isInstance)
                    .map(Deployment.class::cast).toList();
            assertThat(deployments).hasSize(2);
            for (Deployment deployment : deployments) {
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                String name = deployment.getMetadata().getName();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isNotZero();
                assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
                assertThat(Stream.of(pod.getHostNetwork(), pod.getHostPID(), pod.getHostIPC())).as(name)
                        .allMatch(flag -> flag == null || !flag);
                assertThat(pod.getVolumes()).as(name).extracting(Volume::getHostPath).containsOnlyNulls();
                for (Container container : pod.getContainers()) {
                    var security = container.getSecurityContext();
                    assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
                    assertThat(security.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
                    assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
                    assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
                    assertThat(security.getCapabilities().getAdd()).as(name).isNullOrEmpty();
                    assertThat(container.getVolumeMounts()).as(name)
                            .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
                }
            }
        }
    }

    @Test
    void noRbacRuleUsesAWildcard() {
        List<PolicyRule> rules = Stream.of(Map.<String, Object>of(), Map.<String, Object>of("controller.watchNamespaces[0]", "team-a"))
                .flatMap(values -> render(values).stream())
                .flatMap(o -> o instanceof ClusterRole role ? role.getRules().stream()
                        : o instanceof Role role ? role.getRules().stream() : Stream.empty()).toList();

        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*").noneMatch(resource -> resource.endsWith("/*"));
            assertThat(rule.getVerbs()).isNotEmpty().doesNotContain("*");
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        });
    }

    private static List<HasMetadata> render(Map<String, Object> values) {
        return ChartTemplates.render(values);
    }

    /** The value {@code env}, read as environment variables, gives {@code property}; null when unset. */
    private static String boundProperty(Map<String, Object> env, String property) {
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(PropertySource.of("chart", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .build()) {
            return context.getEnvironment().start().getProperty(property, String.class).orElse(null);
        }
    }

    private static Deployment deployment(List<HasMetadata> objects, String name) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> plainEnv(Deployment deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        container(deployment).getEnv().stream().filter(e -> e.getValue() != null)
                .forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }
}
