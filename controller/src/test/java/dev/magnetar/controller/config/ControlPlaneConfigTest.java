package dev.magnetar.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.controller.orchestrator.ClassDataArchive;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneConfigTest {
    @Test
    void defaultsFavourASmallFastStartingReplicaAndTheHomeDataDir() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("magnetar.data-dir", ""))) {
            ReplicaConfig replicas = context.getBean(ReplicaConfig.class);
            assertThat(replicas.jvmOptions()).containsExactly("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC");
            assertThat(replicas.restartInitial()).isEqualTo(Duration.ofSeconds(1));
            assertThat(replicas.restartMax()).isEqualTo(Duration.ofSeconds(30));
            assertThat(replicas.runtimeJar()).isNull();
            assertThat(replicas.classDataSharing()).isTrue();
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
                "magnetar.replicas.stop-grace", "3s",
                "magnetar.replicas.class-data-sharing", "false"))) {
            ControlPlaneConfig config = context.getBean(ControlPlaneConfig.class);
            assertThat(config.dataDir()).isEqualTo(Path.of("/srv/magnetar"));
            assertThat(config.functionsDir()).isEqualTo(Path.of("/srv/magnetar/functions"));
            assertThat(config.createNamespaces()).isFalse();
            ReplicaConfig replicas = context.getBean(ReplicaConfig.class);
            assertThat(replicas.jvmOptions()).containsExactly("-Xmx1g", "-XX:+UseZGC");
            assertThat(replicas.runtimeJar()).isEqualTo(Path.of("/opt/magnetar/runtime.jar"));
            assertThat(replicas.stopGrace()).isEqualTo(Duration.ofSeconds(3));
            assertThat(replicas.classDataSharing()).isFalse();
        }
    }

    @Test
    void replicasWriteAClassDataArchiveInTheDataDirUnlessTurnedOffOrTheirOptionsChooseOne(@TempDir Path dataDir) {
        Path jar = dataDir.resolve("runtime.jar");
        List<String> launcher = List.of("java", "-jar", jar.toString());
        ControlPlaneConfig config = new ControlPlaneConfig(dataDir, true);

        assertThat(ControlPlaneFactory.classData(config, replicas(List.of("-Xmx256m"), true), launcher, jar).jvmOptions())
                .first().asString().startsWith("-XX:ArchiveClassesAtExit=" + dataDir.resolve("cds").resolve("runtime-"));
        assertThat(ControlPlaneFactory.classData(config, replicas(List.of("-Xmx256m"), false), launcher, jar))
                .isSameAs(ClassDataArchive.off());
        for (String own : List.of("-Xshare:off", "-XX:SharedArchiveFile=/tmp/mine.jsa", "-XX:ArchiveClassesAtExit=/tmp/a.jsa")) {
            assertThat(ControlPlaneFactory.classData(config, replicas(List.of(own), true), launcher, jar)).as(own)
                    .isSameAs(ClassDataArchive.off());
        }
    }

    private static ReplicaConfig replicas(List<String> jvmOptions, boolean classDataSharing) {
        Duration any = Duration.ofSeconds(1);
        return new ReplicaConfig(jvmOptions, null, any, any, any, any, any, classDataSharing);
    }
}
