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
        AutoscalerConfig autoscaler = context.getBean(AutoscalerConfig.class);
        assertThat(autoscaler.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(autoscaler.maxAge()).isEqualTo(Duration.ofSeconds(5));
        assertThat(autoscaler.maxLiveReads()).isEqualTo(20);
        KedaConfig keda = context.getBean(KedaConfig.class);
        assertThat(keda.pulsarAdminUrl()).isNull();
        assertThat(keda.authenticationRef()).isNull();
        assertThat(keda.authenticationKind()).isEqualTo("ClusterTriggerAuthentication");
    }

    @Test
    void bindsTheAutoscalerAndKedaKeysAsTheChartSetsThem() {
        try (ApplicationContext bound = ApplicationContext.run(Map.of(
                "magnetar.kubernetes.autoscaler.interval", "2s",
                "magnetar.kubernetes.autoscaler.max-age", "10s",
                "magnetar.kubernetes.autoscaler.max-live-reads", "50",
                "magnetar.kubernetes.keda.pulsar-admin-url", "http://pulsar:8080",
                "magnetar.kubernetes.keda.authentication-ref", "pulsar-admin",
                "magnetar.kubernetes.keda.auth-modes", "bearer"))) {
            AutoscalerConfig autoscaler = bound.getBean(AutoscalerConfig.class);
            KedaConfig keda = bound.getBean(KedaConfig.class);

            assertThat(autoscaler).isEqualTo(new AutoscalerConfig(Duration.ofSeconds(2), Duration.ofSeconds(10), 50));
            assertThat(keda).isEqualTo(new KedaConfig("http://pulsar:8080", "pulsar-admin",
                    "ClusterTriggerAuthentication", "bearer"));
        }
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
