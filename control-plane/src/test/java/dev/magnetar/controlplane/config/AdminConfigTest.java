package dev.magnetar.controlplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.HttpServerConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminConfigTest {
    @Test
    void byDefaultOnlyUploadsUpTo128MbAreTaken() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("magnetar.data-dir", ""))) {
            AdminConfig config = context.getBean(AdminConfig.class);
            assertThat(config.allowedJarDirs()).isEmpty();
            assertThat(config.allowedPackageHosts()).isEmpty();
            assertThat(config.maxPackageSize()).isEqualTo(128L * 1024 * 1024);
        }
    }

    @Test
    void theServersUploadLimitsFollowThePackageSize() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("magnetar.data-dir", "",
                AdminConfig.MAX_PACKAGE_SIZE, "2MB",
                AdminConfig.ALLOWED_PACKAGE_HOSTS, "Repo.Example.com, mirror.example.com"))) {
            AdminConfig config = context.getBean(AdminConfig.class);
            HttpServerConfiguration server = context.getBean(HttpServerConfiguration.class);
            assertThat(config.maxPackageSize()).isEqualTo(2 * 1024 * 1024);
            assertThat(server.getMaxRequestSize()).isEqualTo(2 * 1024 * 1024);
            assertThat(server.getMultipart().getMaxFileSize()).isEqualTo(2 * 1024 * 1024);
            assertThat(config.allowedPackageHosts()).containsExactly("repo.example.com", "mirror.example.com");
        }
    }
}
