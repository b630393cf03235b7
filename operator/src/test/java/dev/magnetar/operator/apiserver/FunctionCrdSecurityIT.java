package dev.magnetar.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.PodOverlay;
import dev.magnetar.api.validation.KubernetesAutoscalingRules;
import dev.magnetar.api.validation.ReplicaPodRules;
import dev.magnetar.operator.chart.ChartTemplates;
import dev.magnetar.operator.resources.RuntimeDeployment;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real kube-apiserver refuses what a Function may not ask of its replica pods, whoever writes it: the CRD's CEL
 * rules refuse reserved labels, confinement-loosening annotations and a service account token (and a CPU target that
 * Magnetar's own autoscaler would leave unused); pod fields the
 * overlay lacks are refused under strict field validation (kubectl's default) and pruned otherwise.
 */
class FunctionCrdSecurityIT {
    private static final String NAMESPACE = TestFunctions.NAMESPACE;
    private static final Map<String, Object> HOST_ACCESS = Map.of(
            "hostNetwork", true, "hostPID", true, "hostIPC", true,
            "serviceAccountName", "admin", "automountServiceAccountToken", true,
            "securityContext", Map.of("runAsUser", 0),
            "containers", List.of(Map.of("name", "function", "securityContext", Map.of("privileged", true,
                    "allowPrivilegeEscalation", true, "capabilities", Map.of("add", List.of("NET_ADMIN"))))),
            "volumes", List.of(Map.of("name", "root", "hostPath", Map.of("path", "/"))));

    private static String missingBinaries;
    private static KubeApiTestServer apiServer;
    private static KubernetesClient client;
    private static ResourceDefinitionContext functions;

    @BeforeAll
    static void startApiServer() throws IOException {
        missingBinaries = KubeApiTestServer.missingBinaries().orElse(null);
        if (missingBinaries == null) {
            apiServer = KubeApiTestServer.start();
            client = apiServer.newClient();
            KubeApiTestServer.installFunctionCrd(client);
            functions = ResourceDefinitionContext.fromResourceType(Function.class);
            for (String namespace : List.of(NAMESPACE, ChartTemplates.NAMESPACE)) {
                client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            }
        }
    }

    @BeforeEach
    void requireBinaries() {
        assumeTrue(missingBinaries == null, missingBinaries);
    }

    @AfterAll
    static void stopApiServer() {
        if (client != null) {
            client.close();
        }
        if (apiServer != null) {
            apiServer.close();
        }
    }

    @Test
    void aSafeOverlayIsAccepted() {
        Function function = TestFunctions.function("safe-overlay");
        function.getSpec().setPod(new PodOverlay(Map.of("team", "a", "app.kubernetes.io/name", "orders"),
                Map.of("prometheus.io/scrape", "true"), Map.of("disktype", "ssd"),
                List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").withEffect("NoSchedule").build()),
                new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                        .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In")
                        .withValues("a").endMatchExpression().endNodeSelectorTerm()
                        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build()));
        function.getSpec().setAutomountServiceAccountToken(false);

        Function created = client.resource(clean(function)).create();

        assertThat(created.getSpec().getPod()).isEqualTo(function.getSpec().getPod());
    }

    @Test
    void eachCelRuleRefusesACreateAndAnUpdateNamingItsField() {
        Function safe = client.resource(clean(TestFunctions.function("to-be-updated"))).create();
        List<Refusal> refusals = List.of(
                new Refusal("spec.automountServiceAccountToken", ReplicaPodRules.AUTOMOUNT_MESSAGE,
                        f -> f.getSpec().setAutomountServiceAccountToken(true)),
                new Refusal("spec.pod.labels", ReplicaPodRules.LABELS_MESSAGE,
                        f -> f.getSpec().setPod(labels(Map.of("magnetar.dev/function", "other")))),
                new Refusal("spec.pod.labels", ReplicaPodRules.LABELS_MESSAGE,
                        f -> f.getSpec().setPod(labels(Map.of("app.kubernetes.io/component", "gateway")))),
                new Refusal("spec.pod.annotations", ReplicaPodRules.ANNOTATIONS_MESSAGE, f -> f.getSpec().setPod(
                        annotations(Map.of("container.apparmor.security.beta.kubernetes.io/function", "unconfined")))),
                new Refusal("spec.pod.annotations", ReplicaPodRules.ANNOTATIONS_MESSAGE, f -> f.getSpec().setPod(
                        annotations(Map.of("seccomp.security.alpha.kubernetes.io/pod", "unconfined")))),
                new Refusal("spec.autoscaling.targetCpuUtilization", KubernetesAutoscalingRules.CPU_NEEDS_KEDA_MESSAGE,
                        f -> f.getSpec().setAutoscaling(new AutoscalingSpec(1, 4, null, null, 70, null, null, null,
                                null))),
                new Refusal("spec.autoscaling.targetCpuUtilization", KubernetesAutoscalingRules.CPU_NEEDS_KEDA_MESSAGE,
                        f -> f.getSpec().setAutoscaling(new AutoscalingSpec(1, 4, null, null, 70, null, null, null,
                                "magnetar"))));

        for (Refusal refusal : refusals) {
            Function created = TestFunctions.function("refused");
            refusal.change().accept(created);
            assertRefused(() -> client.resource(clean(created)).create(), refusal);
            Function updated = client.resources(Function.class).inNamespace(NAMESPACE)
                    .withName(safe.getMetadata().getName()).get();
            refusal.change().accept(updated);
            assertRefused(() -> client.resource(updated).update(), refusal);
        }
        assertThat(client.resources(Function.class).inNamespace(NAMESPACE).withName("refused").get()).isNull();
    }

    @Test
    void aCpuTargetIsAcceptedWithEngineKeda() {
        Function function = TestFunctions.function("cpu-by-keda");
        function.getSpec().setAutoscaling(new AutoscalingSpec(1, 4, null, null, 70, null, null, null, "keda"));

        Function created = client.resource(clean(function)).create();

        assertThat(created.getSpec().getAutoscaling().targetCpuUtilization()).isEqualTo(70);
    }

    /** kubectl apply validates strictly by default: every field the overlay lacks is refused by name. */
    @Test
    void podFieldsTheOverlayLacksAreRefusedUnderStrictFieldValidation() {
        GenericKubernetesResource function = withPod("host-access-strict", HOST_ACCESS);

        assertThatThrownBy(() -> client.genericKubernetesResources(functions).inNamespace(NAMESPACE).resource(function)
                .fieldValidation(Validation.STRICT).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getMessage())
                        .contains(HOST_ACCESS.keySet().stream().map(f -> "unknown field \"spec.pod." + f + "\"").toList()));
    }

    @Test
    void otherwiseThoseFieldsArePrunedAndNeverReachTheDeployment() {
        client.genericKubernetesResources(functions).inNamespace(NAMESPACE)
                .resource(withPod("host-access-pruned", HOST_ACCESS)).create();

        GenericKubernetesResource stored = client.genericKubernetesResources(functions).inNamespace(NAMESPACE)
                .withName("host-access-pruned").get();
        assertThat(stored.<Map<String, Object>>get("spec", "pod")).containsOnlyKeys("labels");
        Function read = client.resources(Function.class).inNamespace(NAMESPACE).withName("host-access-pruned").get();
        PodSpec pod = RuntimeDeployment.desired(read, TestFunctions.SETTINGS).getSpec().getTemplate().getSpec();
        assertThat(List.of(String.valueOf(pod.getHostNetwork()), String.valueOf(pod.getHostPID()),
                String.valueOf(pod.getHostIPC()), String.valueOf(pod.getServiceAccountName())))
                .containsOnly("null");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getContainers().get(0).getSecurityContext().getPrivileged()).isNull();
    }

    @Test
    void theChartsNetworkPoliciesAreAccepted() {
        List<NetworkPolicy> policies = ChartTemplates.render(Map.of()).stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).toList();

        assertThat(policies).isNotEmpty().allSatisfy(policy ->
                assertThat(client.resource(policy).create().getMetadata().getUid()).isNotBlank());
    }

    private static void assertRefused(Runnable write, Refusal refusal) {
        assertThatThrownBy(write::run).as(refusal.field()).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).as(refusal.field()).isEqualTo(422);
            assertThat(e.getMessage()).as(refusal.field()).contains(refusal.field() + ": Invalid value")
                    .contains(refusal.message());
        });
    }

    /** A change the CRD refuses, the field its error names and the rule's message. */
    private record Refusal(String field, String message, Consumer<Function> change) {
    }

    private static PodOverlay labels(Map<String, String> labels) {
        return new PodOverlay(labels, null, null, null, null);
    }

    private static PodOverlay annotations(Map<String, String> annotations) {
        return new PodOverlay(null, annotations, null, null, null);
    }

    /** A new object: no uid, resource version or generation from the test fixture. */
    private static Function clean(Function function) {
        function.getMetadata().setUid(null);
        function.getMetadata().setGeneration(null);
        return function;
    }

    private static GenericKubernetesResource withPod(String name, Map<String, Object> podFields) {
        Map<String, Object> pod = new HashMap<>(podFields);
        pod.put("labels", Map.of("team", "a"));
        Function function = TestFunctions.function(name);
        GenericKubernetesResource resource = Serialization.unmarshal(Serialization.asJson(clean(function)),
                GenericKubernetesResource.class);
        resource.<Map<String, Object>>get("spec").put("pod", pod);
        return resource;
    }
}
