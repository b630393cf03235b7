package dev.magnetar.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.operator.leader.LeaderElectedLoop;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(startApplication = false)
class KubernetesModeConfigTest {
    @Inject
    ApplicationContext context;

    @Test
    void standaloneIsTheDefaultAndHasNoKubernetesBeans() {
        assertThat(context.containsBean(KubernetesClient.class)).isFalse();
        assertThat(context.containsBean(LeaderElectedLoop.class)).isFalse();
        assertThat(context.containsBean(ReconcileLoopStarter.class)).isFalse();
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        KubernetesModeConfig config = context.getBean(KubernetesModeConfig.class);

        assertThat(config.runtimeImage()).isEqualTo(KubernetesModeConfig.DEFAULT_RUNTIME_IMAGE);
        assertThat(config.runtimeHttpPort()).isEqualTo(9090);
        assertThat(config.watchNamespaces()).isEmpty();
        assertThat(config.resyncPeriod()).isEqualTo(Duration.ofMinutes(10));
        LeaderElectionConfig leader = context.getBean(LeaderElectionConfig.class);
        assertThat(leader.enabled()).isTrue();
        assertThat(leader.leaseName()).isEqualTo("magnetar-controller");
        assertThat(leader.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(leader.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(leader.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void bindsEveryKey() {
        try (ApplicationContext bound = ApplicationContext.run(Map.of(
                "magnetar.kubernetes.runtime-image", "registry.example/runtime:1",
                "magnetar.kubernetes.runtime-http-port", "9191",
                "magnetar.kubernetes.watch-namespaces", "team-a, team-b",
                "magnetar.kubernetes.resync-period", "30s"))) {
            KubernetesModeConfig config = bound.getBean(KubernetesModeConfig.class);

            assertThat(config.runtimeImage()).isEqualTo("registry.example/runtime:1");
            assertThat(config.runtimeHttpPort()).isEqualTo(9191);
            assertThat(config.watchNamespaces()).isEqualTo(List.of("team-a", "team-b"));
            assertThat(config.resyncPeriod()).isEqualTo(Duration.ofSeconds(30));
        }
    }
}
