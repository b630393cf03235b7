package dev.magnetar.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.PodOverlay;
import dev.magnetar.api.yaml.DocumentException;
import dev.magnetar.api.yaml.FunctionDocuments;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a function may ask of its replica pods: the validator's part and the document reader's part. */
class ReplicaPodRulesTest {

    @Test
    void aSafeOverlayIsAccepted() {
        Function function = FunctionValidatorTest.valid();
        function.getSpec().setPod(new PodOverlay(
                Map.of("team", "a", "app.kubernetes.io/name", "orders", "kwok.magnetar.dev/never-ready", "true"),
                Map.of("prometheus.io/scrape", "true", "example.com/owner", "team-a"),
                Map.of("disktype", "ssd"),
                List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build()),
                null));
        function.getSpec().setAutomountServiceAccountToken(false);

        assertThat(FunctionValidator.validate(function)).isEmpty();
    }

    @Test
    void aServiceAccountTokenIsRefused() {
        Function function = FunctionValidatorTest.valid();
        function.getSpec().setAutomountServiceAccountToken(true);

        assertThat(FunctionValidator.validate(function)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.automountServiceAccountToken");
            assertThat(v.message()).contains("must not be true", "remove it");
        });
    }

    @Test
    void labelsThePlatformSelectsOrIdentifiesItsPodsByAreRefusedEachByName() {
        Function function = FunctionValidatorTest.valid();
        function.getSpec().setPod(new PodOverlay(Map.of(
                FunctionNames.LABEL_NAME, "other-function",
                FunctionNames.LABEL_COMPONENT, "gateway",
                FunctionNames.LABEL_MANAGED_BY, "someone",
                "team", "a"), null, null, null, null));

        assertThat(FunctionValidator.validate(function)).extracting(Violation::field).containsExactlyInAnyOrder(
                "spec.pod.labels.magnetar.dev/function", "spec.pod.labels.app.kubernetes.io/component",
                "spec.pod.labels.app.kubernetes.io/managed-by");
        assertThat(FunctionValidator.validate(function)).allSatisfy(v -> assertThat(v.message()).contains("reserved"));
    }

    @Test
    void annotationsThatLoosenConfinementOrUseThePlatformsPrefixAreRefused() {
        Function function = FunctionValidatorTest.valid();
        function.getSpec().setPod(new PodOverlay(null, Map.of(
                "container.apparmor.security.beta.kubernetes.io/function", "unconfined",
                "container.seccomp.security.alpha.kubernetes.io/function", "unconfined",
                "seccomp.security.alpha.kubernetes.io/pod", "unconfined",
                "magnetar.dev/desired-hash", "x",
                "prometheus.io/scrape", "true"), null, null, null));

        List<Violation> violations = FunctionValidator.validate(function);

        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder(
                "spec.pod.annotations.container.apparmor.security.beta.kubernetes.io/function",
                "spec.pod.annotations.container.seccomp.security.alpha.kubernetes.io/function",
                "spec.pod.annotations.seccomp.security.alpha.kubernetes.io/pod",
                "spec.pod.annotations.magnetar.dev/desired-hash");
        assertThat(violations).filteredOn(v -> v.field().contains("apparmor"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("AppArmor or seccomp"));
    }

    @Test
    void aDocumentAskingForHostAccessPrivilegesOrAServiceAccountNamesEveryFieldAtOnce() {
        String document = """
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: exclamation}
                spec:
                  runtime: {className: org.example.Exclamation, jar: /opt/fn.jar}
                  inputs: [in]
                  pod:
                    labels: {team: a}
                    hostNetwork: true
                    hostPID: true
                    hostIPC: true
                    serviceAccountName: admin
                    automountServiceAccountToken: true
                    securityContext: {privileged: true}
                    containers: [{name: function, securityContext: {capabilities: {add: [NET_ADMIN]}, allowPrivilegeEscalation: true}}]
                    volumes: [{name: root, hostPath: {path: /}}]
                """;

        assertThat(ReplicaPodRules.unknownOverlayFields(FunctionDocuments.json().valueToTree(
                Map.of("hostNetwork", true, "labels", Map.of())))).extracting(Violation::field)
                .containsExactly("spec.pod.hostNetwork");
        assertThatThrownBy(() -> FunctionDocuments.parse(document))
                .isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("spec.pod.hostNetwork: is not allowed: the pod overlay takes only labels,"
                        + " annotations, nodeSelector, tolerations, affinity")
                .hasMessageContainingAll("spec.pod.hostPID:", "spec.pod.hostIPC:", "spec.pod.serviceAccountName:",
                        "spec.pod.automountServiceAccountToken:", "spec.pod.securityContext:", "spec.pod.containers:",
                        "spec.pod.volumes:")
                .hasMessageNotContaining("spec.pod.labels");
    }
}
