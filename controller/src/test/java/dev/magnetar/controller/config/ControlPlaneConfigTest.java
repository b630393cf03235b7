package dev.magnetar.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlPlaneConfigTest {
    @Test
    void defaultsFavourASmallFastStartingReplicaAndTheHomeDataDir() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("magnetar.data-dir", ""))) {
            ReplicaConfig replicas = context.getBean(ReplicaConfig.class);
            assertThat(replicas.jvmOptions()).containsExactly("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC");
            assertThat(replicas.restartInitial()).isEqualTo(Duration.ofSeconds(1));
            assertThat(replicas.restartMax()).isEqualTo(Duration.ofSeconds(30));
            assertThat(replicas.runtimeJar()).isNull();
            ControlPlaneConfig config = context.getBean(ControlPlaneConfig.class);
            assertThat(config.createNamespaces()).isTrue();
        }
    }

    @Test
    void everySettingCanBeOverridden() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "magnetar.data-dir", "/srv/magnetar",
                "magnetar.create-namespaces", "false",
                "magnetar.replicas.jvm-options", "-Xmx1g,-XX:+UseZGC",
                "magnetar.replicas.runtime-jar", "/opt/magnetar/runtime.jar",
                "magnetar.replicas.stop-grace", "3s"))) {
            ControlPlaneConfig config = context.getBean(ControlPlaneConfig.class);
            assertThat(config.dataDir()).isEqualTo(Path.of("/srv/magnetar"));
            assertThat(config.functionsDir()).isEqualTo(Path.of("/srv/magnetar/functions"));
            assertThat(config.createNamespaces()).isFalse();
            ReplicaConfig replicas = context.getBean(ReplicaConfig.class);
            assertThat(replicas.jvmOptions()).containsExactly("-Xmx1g", "-XX:+UseZGC");
            assertThat(replicas.runtimeJar()).isEqualTo(Path.of("/opt/magnetar/runtime.jar"));
            assertThat(replicas.stopGrace()).isEqualTo(Duration.ofSeconds(3));
        }
    }
}
