package dev.magnetar.controller.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
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
        assertThat(LocalProcessOrchestrator.signature(scaled))
                .isEqualTo(LocalProcessOrchestrator.signature(FunctionDocuments.parse(DOC)));
    }

    @Test
    void changingAnythingElseChangesIt() {
        Function changed = FunctionDocuments.parse(DOC);
        changed.getSpec().setConcurrency(4);
        assertThat(LocalProcessOrchestrator.signature(changed))
                .isNotEqualTo(LocalProcessOrchestrator.signature(FunctionDocuments.parse(DOC)));
    }

    @Test
    void theSignatureDoesNotChangeTheDefinition() {
        Function definition = FunctionDocuments.parse(DOC);
        LocalProcessOrchestrator.signature(definition);
        assertThat(definition.getSpec().getReplicas()).isEqualTo(2);
    }
}
