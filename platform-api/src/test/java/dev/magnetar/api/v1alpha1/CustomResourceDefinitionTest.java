package dev.magnetar.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.magnetar.api.validation.KubernetesAutoscalingRules;
import dev.magnetar.api.validation.ReplicaPodRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart ships a copy of the CRD the build generates; they must not drift apart. */
class CustomResourceDefinitionTest {
    private static final String CRD = "functions.magnetar.dev-v1.yml";

    @Test
    void chartCopyEqualsTheGeneratedDefinition() throws IOException {
        String generated;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + CRD)) {
            assertThat(in).as("generated CRD on the class path").isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path copy = Path.of(System.getProperty("magnetar.home", ".."), "charts/magnetar/crds", CRD);

        assertThat(Files.readString(copy))
                .as("%s differs from the generated CRD: cp platform-api/target/classes/META-INF/fabric8/%s %s",
                        copy, CRD, copy)
                .isEqualTo(generated);
    }

    @Test
    void definesTheScaleSubresourceAndPrinterColumns() throws IOException {
        assertThat(generated())
                .contains("specReplicasPath: \".spec.replicas\"")
                .contains("statusReplicasPath: \".status.replicas\"")
                .contains("labelSelectorPath: \".status.selector\"")
                .contains("name: \"READY\"", "name: \"DESIRED\"", "name: \"CURRENT\"", "name: \"INPUT\"",
                        "name: \"BACKLOG\"", "name: \"AGE\"")
                .contains("jsonPath: \".status.desiredReplicas\"")
                .contains("- \"mfn\"");
    }

    /** The API server keeps unknown fields only where this says so: a pod field must have nowhere to hide. */
    @Test
    void onlyUserConfigKeepsUnknownFields() throws IOException {
        JsonNode schema = new ObjectMapper(new YAMLFactory()).readTree(generated())
                .at("/spec/versions/0/schema/openAPIV3Schema");
        List<String> preserving = new ArrayList<>();
        collectPreserving(schema, "", preserving);

        assertThat(preserving).containsExactly(".properties.spec.properties.userConfig");
    }

    @Test
    void carriesTheReplicaPodRulesAsCelRules() throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(generated())
                .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");

        assertThat(spec.at("/automountServiceAccountToken/x-kubernetes-validations/0/rule").asText())
                .isEqualTo(ReplicaPodRules.AUTOMOUNT_RULE);
        assertThat(spec.at("/pod/x-kubernetes-validations").findValuesAsText("rule"))
                .containsExactlyInAnyOrder(ReplicaPodRules.LABELS_RULE, ReplicaPodRules.ANNOTATIONS_RULE);
        assertThat(spec.at("/pod/x-kubernetes-validations").findValuesAsText("fieldPath"))
                .containsExactlyInAnyOrder(".labels", ".annotations");
    }

    @Test
    void carriesTheKubernetesAutoscalingRuleAsACelRule() throws IOException {
        JsonNode autoscaling = new ObjectMapper(new YAMLFactory()).readTree(generated())
                .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/autoscaling");

        assertThat(autoscaling.at("/x-kubernetes-validations/0/rule").asText())
                .isEqualTo(KubernetesAutoscalingRules.CPU_NEEDS_KEDA_RULE);
        assertThat(autoscaling.at("/x-kubernetes-validations/0/fieldPath").asText()).isEqualTo(".targetCpuUtilization");
        assertThat(autoscaling.at("/x-kubernetes-validations/0/message").asText())
                .isEqualTo(KubernetesAutoscalingRules.CPU_NEEDS_KEDA_MESSAGE);
    }

    private static void collectPreserving(JsonNode node, String path, List<String> out) {
        if (node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            out.add(path);
        }
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                collectPreserving(field.getValue(), path + "." + field.getKey(), out);
            }
        });
    }

    private String generated() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + CRD)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
