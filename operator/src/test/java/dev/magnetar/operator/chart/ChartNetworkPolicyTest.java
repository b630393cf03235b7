package dev.magnetar.operator.chart;

import static dev.magnetar.operator.chart.ChartTemplates.NAMESPACE;
import static dev.magnetar.operator.chart.ChartTemplates.render;
import static dev.magnetar.operator.testing.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.validation.ReplicaPodRules;
import dev.magnetar.operator.resources.RuntimeDeployment;
import dev.magnetar.operator.resources.RuntimeSettings;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's NetworkPolicy: who may reach function replicas, checked against the pods the controller makes. */
class ChartNetworkPolicyTest {
    private static final Map<String, String> RELEASE_NAMESPACE = Map.of("kubernetes.io/metadata.name", NAMESPACE);

    @Test
    void onlyTheGatewayTheControllerAndTheScraperReachTheReplicasHttpPort() {
        List<HasMetadata> objects = render(Map.of());
        NetworkPolicy policy = policyIn(objects, NAMESPACE);
        Map<String, String> gateway = podLabels(objects, "magnetar-gateway");
        Map<String, String> controller = podLabels(objects, "magnetar-controller");
        Deployment replicas = replicaDeployment(objects);
        Map<String, String> replica = replicas.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(matches(policy.getSpec().getPodSelector(), replica)).as("selects replica pods").isTrue();
        assertThat(matches(policy.getSpec().getPodSelector(), gateway)).as("not the gateway's own pods").isFalse();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).hasSize(2);
        NetworkPolicyIngressRule platform = policy.getSpec().getIngress().get(0);
        assertThat(platform.getFrom()).hasSize(2).allSatisfy(peer ->
                assertThat(peer.getNamespaceSelector().getMatchLabels()).isEqualTo(RELEASE_NAMESPACE));
        assertThat(platform.getFrom()).anyMatch(peer -> matches(peer.getPodSelector(), gateway))
                .anyMatch(peer -> matches(peer.getPodSelector(), controller))
                .noneMatch(peer -> matches(peer.getPodSelector(), replica));
        assertThat(platform.getPorts()).singleElement().satisfies(port -> isTheHttpPortOf(replicas, port));

        NetworkPolicyIngressRule metrics = policy.getSpec().getIngress().get(1);
        assertThat(metrics.getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels()).containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
            assertThat(peer.getPodSelector().getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/name", "prometheus"));
        });
        assertThat(metrics.getPorts()).singleElement().satisfies(port -> isTheHttpPortOf(replicas, port));
    }

    /** The gateway's and controller's selectors each need a label a Function's pod overlay may not set. */
    @Test
    void noFunctionPodCanPassForTheGatewayOrTheController() {
        NetworkPolicy policy = policyIn(render(Map.of()), NAMESPACE);

        assertThat(policy.getSpec().getIngress().get(0).getFrom()).extracting(NetworkPolicyPeer::getPodSelector)
                .allSatisfy(selector -> assertThat(selector.getMatchLabels().keySet())
                        .anyMatch(ReplicaPodRules::reservedLabel));
    }

    @Test
    void coversEveryWatchedNamespace() {
        List<HasMetadata> objects = render(Map.of("controller.watchNamespaces[0]", "team-a",
                "controller.watchNamespaces[1]", "team-b"));

        assertThat(objects).filteredOn(NetworkPolicy.class::isInstance).extracting(o -> o.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("team-a", "team-b", NAMESPACE);
        assertThat(policyIn(objects, "team-a").getSpec().getIngress().get(0).getFrom())
                .allSatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels()).isEqualTo(RELEASE_NAMESPACE));
    }

    @Test
    void theScraperIsConfigurableAndEitherPartCanBeTurnedOff() {
        NetworkPolicy custom = policyIn(render(Map.of(
                "networkPolicy.metrics.namespaceSelector.matchLabels.team", "observability",
                "networkPolicy.metrics.podSelector.matchLabels.app", "vmagent")), NAMESPACE);
        assertThat(custom.getSpec().getIngress().get(1).getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("team", "observability");
            assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app", "vmagent");
        });

        NetworkPolicy noScraper = policyIn(render(Map.of("networkPolicy.metrics.enabled", "false")), NAMESPACE);
        assertThat(noScraper.getSpec().getIngress()).hasSize(1);
        assertThat(render(Map.of("networkPolicy.enabled", "false"))).noneMatch(NetworkPolicy.class::isInstance);
    }

    private static void isTheHttpPortOf(Deployment replicas, NetworkPolicyPort port) {
        ContainerPort http = replicas.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0);
        assertThat(port.getProtocol()).isEqualTo(http.getProtocol());
        assertThat(port.getPort().getIntVal()).isEqualTo(http.getContainerPort());
    }

    /** A function's Deployment as the controller this chart configures makes it (HelmChartTest binds the port). */
    private static Deployment replicaDeployment(List<HasMetadata> objects) {
        String httpPort = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("magnetar-controller")).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("MAGNETAR_KUBERNETES_RUNTIME_HTTP_PORT")).findFirst().orElseThrow()
                .getValue();
        RuntimeSettings settings = new RuntimeSettings("runtime:1", "pulsar://pulsar:6650",
                Integer.parseInt(httpPort), RuntimeSettings.DEFAULT_ROLLOUT_DEADLINE);
        return RuntimeDeployment.desired(function("exclaim"), settings);
    }

    private static NetworkPolicy policyIn(List<HasMetadata> objects, String namespace) {
        return objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .filter(p -> p.getMetadata().getNamespace().equals(namespace))
                .filter(p -> p.getMetadata().getName().equals("magnetar-function-replicas")).findFirst().orElseThrow();
    }

    private static Map<String, String> podLabels(List<HasMetadata> objects, String deployment) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals(deployment)).findFirst().orElseThrow()
                .getSpec().getTemplate().getMetadata().getLabels();
    }

    /** A label selector's meaning, for the operators the chart uses. */
    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        boolean labelsMatch = selector.getMatchLabels() == null || selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of()
                : selector.getMatchExpressions();
        return labelsMatch && expressions.stream().allMatch(e -> switch (e.getOperator()) {
            case "Exists" -> labels.containsKey(e.getKey());
            case "DoesNotExist" -> !labels.containsKey(e.getKey());
            case "In" -> e.getValues().contains(labels.get(e.getKey()));
            case "NotIn" -> !e.getValues().contains(labels.get(e.getKey()));
            default -> throw new IllegalArgumentException("unknown selector operator " + e.getOperator());
        });
    }
}
