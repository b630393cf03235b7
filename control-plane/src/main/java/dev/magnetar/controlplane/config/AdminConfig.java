package dev.magnetar.controlplane.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Pulsar's Functions REST API on the control plane ({@code magnetar.admin.*}).
 *
 * @param allowedJarDirs  directories a {@code file:} package URL may point into; none by default,
 *                        so {@code file:} URLs are refused until the operator allows a directory
 * @param downloadTimeout how long fetching an http(s) package URL may take
 * @param triggerTimeout  how long {@code trigger} waits for the function's output at most
 */
@ConfigurationProperties(AdminConfig.PREFIX)
public record AdminConfig(@Nullable List<Path> allowedJarDirs,
                          @Bindable(defaultValue = "60s") Duration downloadTimeout,
                          @Bindable(defaultValue = "30s") Duration triggerTimeout) {
    public static final String PREFIX = "magnetar.admin";

    public AdminConfig {
        allowedJarDirs = allowedJarDirs == null ? List.of()
                : allowedJarDirs.stream().map(dir -> dir.toAbsolutePath().normalize()).toList();
    }
}
