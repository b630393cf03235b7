package dev.magnetar.operator.resources;

import static dev.magnetar.operator.testing.TestFunctions.SETTINGS;
import static dev.magnetar.operator.testing.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.PodOverlay;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replica pod stays restricted whatever the Function's pod overlay and token setting say. */
class ReplicaPodSecurityTest {

    @Test
    void everyOverlayFieldSetLeavesTheRestrictedProfileAsItIs() {
        Function function = function("exclaim");
        function.getSpec().setPod(new PodOverlay(Map.of("team", "a"), Map.of("example.com/owner", "a"),
                Map.of("disktype", "ssd"),
                List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build()),
                new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                        .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In")
                        .withValues("a").endMatchExpression().endNodeSelectorTerm()
                        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build()));

        assertRestricted(RuntimeDeployment.desired(function, SETTINGS).getSpec().getTemplate().getSpec());
    }

    @Test
    void neverMountsAServiceAccountTokenEvenWhenTheFunctionAsks() {
        Function function = function("exclaim");
        function.getSpec().setAutomountServiceAccountToken(true);

        assertRestricted(RuntimeDeployment.desired(function, SETTINGS).getSpec().getTemplate().getSpec());
    }

    /**
     * The API server prunes pod fields the overlay lacks; should one reach the controller anyway, the Function
     * cannot be read, so no Deployment is made from it.
     */
    @Test
    void aFunctionWithPodFieldsTheOverlayLacksCannotBeRead() {
        Map<String, String> fields = Map.of("hostNetwork", "true", "hostPID", "true", "hostIPC", "true",
                "serviceAccountName", "\"admin\"", "automountServiceAccountToken", "true",
                "securityContext", "{\"runAsUser\": 0}",
                "containers", "[{\"name\": \"function\", \"securityContext\": {\"privileged\": true}}]",
                "volumes", "[{\"name\": \"root\", \"hostPath\": {\"path\": \"/\"}}]");
        fields.forEach((field, value) -> assertThatThrownBy(() -> Serialization.unmarshal("""
                {"apiVersion": "magnetar.dev/v1alpha1", "kind": "Function", "metadata": {"name": "exclaim"},
                 "spec": {"runtime": {"className": "com.example.Exclaim"}, "inputs": ["in"],
                  "pod": {"labels": {"team": "a"}, "%s": %s}}}
                """.formatted(field, value), Function.class))
                .as(field).rootCause().hasMessageContaining("Unrecognized field \"" + field + "\""));
    }

    private static void assertRestricted(PodSpec pod) {
        assertThat(pod.getHostNetwork()).isNull();
        assertThat(pod.getHostPID()).isNull();
        assertThat(pod.getHostIPC()).isNull();
        assertThat(pod.getServiceAccountName()).isNull();
        assertThat(pod.getServiceAccount()).isNull();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(PodSecurity.RUNTIME_UID);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getVolumes()).singleElement().satisfies(volume -> {
            assertThat(volume.getEmptyDir()).isNotNull();
            assertThat(volume.getHostPath()).isNull();
        });
        assertThat(pod.getContainers()).singleElement().satisfies(ReplicaPodSecurityTest::assertRestricted);
        assertThat(pod.getInitContainers()).isNullOrEmpty();
    }

    private static void assertRestricted(Container container) {
        var security = container.getSecurityContext();
        assertThat(security.getPrivileged()).isNull();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }
}
