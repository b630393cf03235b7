package dev.magnetar.operator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.validation.KubernetesAutoscalingRules;
import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.operator.config.KubernetesModeConfig;
import dev.magnetar.operator.testing.TestFunctions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;


/** Function status in Kubernetes mode: one instance per pod of the function. */
@EnableKubernetesMockClient(crud = true)
class KubernetesReplicasMockTest {
    KubernetesClient client;

    private static final ControlPlaneConfig CONTROL_PLANE = new ControlPlaneConfig(Path.of("/tmp/magnetar"), false);

    @Test
    void refusesAJarUploadedToTheControlPlaneWhichPodsCannotRead() {
        KubernetesModeConfig config = new KubernetesModeConfig("img", 9090, List.of(),
                Duration.ofMinutes(10), null, Duration.ofMinutes(2));
        KubernetesReplicas replicas = new KubernetesReplicas(client, config, CONTROL_PLANE);
        Function uploaded = TestFunctions.function("uploaded");
        uploaded.getSpec().setRuntime(new RuntimeSpec(null, "/tmp/magnetar/packages/public/default/uploaded/f.jar", "a.B"));

        assertThat(replicas.preflight(uploaded, ResolvedFunction.of(uploaded))).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.runtime.jar");
            assertThat(v.message()).contains("spec.runtime.image").contains("img");
        });
        Function inImage = TestFunctions.function("in-image");
        assertThat(replicas.preflight(inImage, ResolvedFunction.of(inImage))).isEmpty();
    }

    @Test
    void aCpuTargetIsRefusedUnlessKedaAppliesIt() {
        KubernetesReplicas replicas = new KubernetesReplicas(client, new KubernetesModeConfig("img", 9090, List.of(),
                Duration.ofMinutes(10), null, Duration.ofMinutes(2)), CONTROL_PLANE);
        Function byCpu = TestFunctions.function("by-cpu");
        byCpu.getSpec().setAutoscaling(new dev.magnetar.api.v1alpha1.AutoscalingSpec(1, 4, null, null, 70, null, null,
                null, null));

        assertThat(replicas.preflight(byCpu, ResolvedFunction.of(byCpu))).singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("spec.autoscaling.targetCpuUtilization");
                    assertThat(v.message()).as("the CRD's CEL rule says the same")
                            .isEqualTo(KubernetesAutoscalingRules.CPU_NEEDS_KEDA_MESSAGE).contains("engine to keda");
                });

        byCpu.getSpec().setAutoscaling(new dev.magnetar.api.v1alpha1.AutoscalingSpec(1, 4, null, null, 70, null, null,
                null, "keda"));
        assertThat(replicas.preflight(byCpu, ResolvedFunction.of(byCpu))).isEmpty();
    }

    @Test
    void reportsEachPodOfTheFunction() {
        client.resource(pod("fn-exclaim-a", "2026-01-01T00:00:00Z", true, 0)).create();
        client.resource(pod("fn-exclaim-b", "2026-01-01T00:01:00Z", false, 2)).create();
        KubernetesModeConfig config = new KubernetesModeConfig("img", 9090, List.of(),
                Duration.ofMinutes(10), null, Duration.ofMinutes(2));

        List<InstanceStatus> instances = new KubernetesReplicas(client, config, CONTROL_PLANE).status("public/default/exclaim");

        assertThat(instances).hasSize(2);
        assertThat(instances.get(0)).as("the pod's IP is where its /status is read")
                .isEqualTo(new InstanceStatus(0, "RUNNING", -1, 0, true, null, 9090, "10.1.0.7"));
        assertThat(instances.get(1)).isEqualTo(new InstanceStatus(1, "RESTARTING", -1, 2, false, "OOMKilled", 9090, "10.1.0.7"));
        assertThat(new KubernetesReplicas(client, config, CONTROL_PLANE).status("public/default/other")).isEmpty();
    }

    @Test
    void restartingOneReplicaDeletesItsPodAndStopIsAClearError() {
        client.resource(pod("fn-exclaim-a", "2026-01-01T00:00:00Z", true, 0)).create();
        client.resource(pod("fn-exclaim-b", "2026-01-01T00:01:00Z", true, 0)).create();
        KubernetesModeConfig config = new KubernetesModeConfig("img", 9090, List.of(),
                Duration.ofMinutes(10), null, Duration.ofMinutes(2));
        KubernetesReplicas replicas = new KubernetesReplicas(client, config, CONTROL_PLANE);

        replicas.control("public/default/exclaim", 1, InstanceAction.RESTART);

        assertThat(client.pods().inNamespace("team-a").list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactly("fn-exclaim-a");
        assertThat(replicas.refusal("public/default/exclaim", InstanceAction.RESTART)).isEmpty();
        assertThat(replicas.refusal("public/default/exclaim", InstanceAction.STOP)).get().asString()
                .contains("cannot be stopped").contains("interchangeable");
        assertThat(replicas.refusal("public/default/exclaim", InstanceAction.START)).isPresent();
        assertThatThrownBy(() -> replicas.control("public/default/exclaim", 0, InstanceAction.STOP))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be stopped");
        assertThatThrownBy(() -> replicas.control("public/default/exclaim", 5, InstanceAction.RESTART))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no replica 5");
    }

    private static Pod pod(String name, String created, boolean ready, int restarts) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("team-a").withCreationTimestamp(created)
                .withLabels(FunctionNames.selectorLabels("public", "default", "exclaim")).endMetadata()
                .withNewStatus().withPhase("Running").withPodIP("10.1.0.7")
                .addNewContainerStatus().withName("function").withReady(ready).withRestartCount(restarts)
                .withNewLastState().withNewTerminated().withReason(restarts > 0 ? "OOMKilled" : null).endTerminated()
                .endLastState().endContainerStatus()
                .endStatus()
                .build();
    }
}
