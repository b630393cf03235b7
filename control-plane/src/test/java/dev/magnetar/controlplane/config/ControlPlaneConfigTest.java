package dev.magnetar.controlplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlPlaneConfigTest {
    @Test
    void defaultsCreateMissingNamespaces() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("magnetar.data-dir", ""))) {
            ControlPlaneConfig config = context.getBean(ControlPlaneConfig.class);
            assertThat(config.createNamespaces()).isTrue();
        }
    }

    @Test
    void everySettingCanBeOverridden() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "magnetar.data-dir", "/srv/magnetar",
                "magnetar.create-namespaces", "false"))) {
            ControlPlaneConfig config = context.getBean(ControlPlaneConfig.class);
            assertThat(config.dataDir()).isEqualTo(Path.of("/srv/magnetar"));
            assertThat(config.functionsDir()).isEqualTo(Path.of("/srv/magnetar/functions"));
            assertThat(config.createNamespaces()).isFalse();
        }
    }
}
