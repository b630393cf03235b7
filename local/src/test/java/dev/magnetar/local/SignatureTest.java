package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionStatus;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which edits restart replicas (an update) and which only add or remove some (a scale). */
class SignatureTest {
    private static final String DOC = """
            apiVersion: magnetar.dev/v1alpha1
            kind: Function
            metadata: {name: echo}
            spec:
              tenant: public
              namespace: default
              runtime: {className: a.B, jar: /tmp/x.jar}
              inputs: [in]
              replicas: 2
            """;

    @Test
    void changingOnlyReplicasKeepsTheSignature() {
        Function scaled = FunctionDocuments.parse(DOC);
        scaled.getSpec().setReplicas(5);
        assertThat(LocalReplicas.signature(scaled))
                .isEqualTo(LocalReplicas.signature(FunctionDocuments.parse(DOC)));
    }

    @Test
    void changingOnlyAutoscalingKeepsTheSignature() {
        Function scaled = FunctionDocuments.parse(DOC);
        scaled.getSpec().setAutoscaling(new AutoscalingSpec(0, 4, null, null, null, null, null, null, null));
        assertThat(LocalReplicas.signature(scaled)).as("new bounds are a scale, not new code to roll out")
                .isEqualTo(LocalReplicas.signature(FunctionDocuments.parse(DOC)));
    }

    @Test
    void changingAnythingElseChangesIt() {
        Function changed = FunctionDocuments.parse(DOC);
        changed.getSpec().setConcurrency(4);
        assertThat(LocalReplicas.signature(changed))
                .isNotEqualTo(LocalReplicas.signature(FunctionDocuments.parse(DOC)));
    }

    @Test
    void otherBytesAcceptedAtTheSamePathChangeIt() {
        assertThat(LocalReplicas.signature(accepted("b".repeat(64))))
                .isNotEqualTo(LocalReplicas.signature(accepted("a".repeat(64))));
    }

    private static Function accepted(String packageSha256) {
        Function function = FunctionDocuments.parse(DOC);
        function.setStatus(new FunctionStatus());
        function.getStatus().setPackageSha256(packageSha256);
        return function;
    }

    @Test
    void theSignatureDoesNotChangeTheDefinition() {
        Function definition = FunctionDocuments.parse(DOC);
        LocalReplicas.signature(definition);
        assertThat(definition.getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void theOrderAMapWasFilledInDoesNotChangeIt() {
        Function one = FunctionDocuments.parse(DOC);
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("A", "1");
        ab.put("B", "2");
        one.getSpec().setEnv(ab);
        Function other = FunctionDocuments.parse(DOC);
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("B", "2");
        ba.put("A", "1");
        other.getSpec().setEnv(ba);
        assertThat(LocalReplicas.signature(one)).isEqualTo(LocalReplicas.signature(other));
    }
}
