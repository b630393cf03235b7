package dev.magnetar.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated Function CRD is accepted and enforced by a real kube-apiserver ({@link KubeApiTestServer}).
 */
class KubeApiServerSmokeIT {
    private static final String NAMESPACE = "default";

    private static String missingBinaries;
    private static KubeApiTestServer apiServer;
    private static KubernetesClient client;

    @BeforeAll
    static void startApiServer() {
        missingBinaries = KubeApiTestServer.missingBinaries().orElse(null);
        if (missingBinaries == null) {
            apiServer = KubeApiTestServer.start();
            client = apiServer.newClient();
        }
    }

    @BeforeEach
    void requireBinaries() {
        // An assumption here, not in @BeforeAll: Surefire then counts the test as skipped, with this reason.
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
    void theGeneratedCrdIsServedAndItsSchemaIsEnforced() throws IOException {
        // From the CRD itself, not API discovery: discovery can lag behind "Established" for a moment.
        CustomResourceDefinition crd = KubeApiTestServer.installFunctionCrd(client);
        ResourceDefinitionContext functions = new ResourceDefinitionContext.Builder()
                .withGroup(crd.getSpec().getGroup()).withVersion("v1alpha1").withKind(crd.getSpec().getNames().getKind())
                .withPlural(crd.getSpec().getNames().getPlural()).withNamespaced(true).build();

        GenericKubernetesResource applied = client.genericKubernetesResources(functions)
                .inNamespace(NAMESPACE)
                .resource(function("smoke-valid", Map.of(
                        "runtime", Map.of("className", "dev.magnetar.samples.exclamation.ExclamationFunction"),
                        "inputs", List.of("smoke-in"),
                        "output", "smoke-out")))
                .fieldManager("magnetar-smoke-it")
                .serverSideApply();
        assertThat(applied.getMetadata().getUid()).isNotBlank();
        GenericKubernetesResource read = client.genericKubernetesResources(functions)
                .inNamespace(NAMESPACE).withName("smoke-valid").get();
        assertThat(read.<String>get("spec", "runtime", "className"))
                .isEqualTo("dev.magnetar.samples.exclamation.ExclamationFunction");

        GenericKubernetesResource noRuntime = function("smoke-no-runtime", Map.of("inputs", List.of("smoke-in")));
        assertThatThrownBy(() -> client.genericKubernetesResources(functions)
                .inNamespace(NAMESPACE).resource(noRuntime).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("spec.runtime").contains("Required value");
                });
        assertThat(client.genericKubernetesResources(functions)
                .inNamespace(NAMESPACE).withName("smoke-no-runtime").get()).isNull();
    }

    private static GenericKubernetesResource function(String name, Map<String, Object> spec) {
        GenericKubernetesResource function = new GenericKubernetesResource();
        function.setApiVersion("magnetar.dev/v1alpha1");
        function.setKind("Function");
        function.setMetadata(new ObjectMetaBuilder()
                .withName(name).withNamespace(NAMESPACE).build());
        function.setAdditionalProperty("spec", spec);
        return function;
    }
}
