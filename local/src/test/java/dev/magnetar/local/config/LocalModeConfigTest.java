package dev.magnetar.local.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.local.ClassDataArchive;
import dev.magnetar.local.ReplicaLimits;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModeConfigTest {
    @Test
    void defaultsFavourASmallFastStartingReplica() {
        try (ApplicationContext context = ApplicationContext.run(Map.of())) {
            ReplicaConfig replicas = context.getBean(ReplicaConfig.class);
            assertThat(replicas.jvmOptions()).containsExactly("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC");
            assertThat(replicas.restartInitial()).isEqualTo(Duration.ofSeconds(1));
            assertThat(replicas.restartMax()).isEqualTo(Duration.ofSeconds(30));
            assertThat(replicas.runtimeJar()).isNull();
            assertThat(replicas.classDataSharing()).isTrue();
        }
    }

    @Test
    void everySettingCanBeOverridden() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "magnetar.replicas.jvm-options", "-Xmx1g,-XX:+UseZGC",
                "magnetar.replicas.runtime-jar", "/opt/magnetar/runtime.jar",
                "magnetar.replicas.stop-grace", "3s",
                "magnetar.replicas.class-data-sharing", "false"))) {
            ReplicaConfig replicas = context.getBean(ReplicaConfig.class);
            assertThat(replicas.jvmOptions()).containsExactly("-Xmx1g", "-XX:+UseZGC");
            assertThat(replicas.runtimeJar()).isEqualTo(Path.of("/opt/magnetar/runtime.jar"));
            assertThat(replicas.stopGrace()).isEqualTo(Duration.ofSeconds(3));
            assertThat(replicas.classDataSharing()).isFalse();
        }
    }

    @Test
    void replicaLimitsSuitALaptopAndCanBeChanged() {
        try (ApplicationContext context = ApplicationContext.run(Map.of())) {
            ReplicaLimits limits = context.getBean(ReplicaLimitsConfig.class).on(16L << 30);
            assertThat(limits.maxPerFunction()).isEqualTo(16);
            assertThat(limits.maxTotal()).isEqualTo(32);
            assertThat(limits.memoryReserve()).isEqualTo(2L << 30);
            assertThat(limits.memoryForReplicas()).isEqualTo(14L << 30);
            assertThat(limits.startInterval()).isEqualTo(Duration.ofMillis(500));
        }
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "magnetar.replicas.limits.max-per-function", "4",
                "magnetar.replicas.limits.max-total", "8",
                "magnetar.replicas.limits.memory-reserve", "512MB",
                "magnetar.replicas.limits.start-interval", "2s"))) {
            ReplicaLimits limits = context.getBean(ReplicaLimitsConfig.class).on(16L << 30);
            assertThat(limits).isEqualTo(new ReplicaLimits(4, 8, 16L << 30, 512L << 20, Duration.ofSeconds(2)));
        }
    }

    @Test
    void replicasWriteAClassDataArchiveInTheDataDirUnlessTurnedOffOrTheirOptionsChooseOne(@TempDir Path dataDir) {
        Path jar = dataDir.resolve("runtime.jar");
        List<String> launcher = List.of("java", "-jar", jar.toString());

        assertThat(LocalModeFactory.classData(dataDir, replicas(List.of("-Xmx256m"), true), launcher, jar).jvmOptions())
                .first().asString().startsWith("-XX:ArchiveClassesAtExit=" + dataDir.resolve("cds").resolve("runtime-"));
        assertThat(LocalModeFactory.classData(dataDir, replicas(List.of("-Xmx256m"), false), launcher, jar))
                .isSameAs(ClassDataArchive.off());
        for (String own : List.of("-Xshare:off", "-XX:SharedArchiveFile=/tmp/mine.jsa", "-XX:ArchiveClassesAtExit=/tmp/a.jsa")) {
            assertThat(LocalModeFactory.classData(dataDir, replicas(List.of(own), true), launcher, jar)).as(own)
                    .isSameAs(ClassDataArchive.off());
        }
    }

    private static ReplicaConfig replicas(List<String> jvmOptions, boolean classDataSharing) {
        Duration any = Duration.ofSeconds(1);
        return new ReplicaConfig(jvmOptions, null, any, any, any, any, any, classDataSharing);
    }
}
