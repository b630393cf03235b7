package dev.magnetar.controlplane.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where the admin APIs take function jars from, and Pulsar's Functions REST API's own settings
 * ({@code magnetar.admin.*}).
 *
 * @param allowedJarDirs      directories a jar may be read from besides the uploaded ones: a {@code file:} package
 *                            URL, or a definition's {@code spec.runtime.jar} path; none by default, so only uploaded
 *                            jars are accepted until the operator allows a directory
 * @param allowedPackageHosts hosts an http(s) package URL may name (and any redirect lead to); none by default
 * @param maxPackageSize      the largest jar an upload or a download may have; the HTTP server's request and
 *                            multipart limits follow it (application.yml)
 * @param downloadTimeout     how long fetching an http(s) package URL may take
 * @param triggerTimeout      how long {@code trigger} waits for the function's output at most
 */
@ConfigurationProperties(AdminConfig.PREFIX)
public record AdminConfig(@Nullable List<Path> allowedJarDirs,
                          @Nullable List<String> allowedPackageHosts,
                          @Bindable(defaultValue = AdminConfig.DEFAULT_MAX_PACKAGE_SIZE) @ReadableBytes
                          long maxPackageSize,
                          @Bindable(defaultValue = "60s") Duration downloadTimeout,
                          @Bindable(defaultValue = "30s") Duration triggerTimeout) {
    public static final String PREFIX = "magnetar.admin";
    public static final String ALLOWED_JAR_DIRS = PREFIX + ".allowed-jar-dirs";
    public static final String ALLOWED_PACKAGE_HOSTS = PREFIX + ".allowed-package-hosts";
    public static final String MAX_PACKAGE_SIZE = PREFIX + ".max-package-size";
    public static final String DEFAULT_MAX_PACKAGE_SIZE = "128MB";

    public AdminConfig {
        allowedJarDirs = allowedJarDirs == null ? List.of()
                : allowedJarDirs.stream().map(dir -> dir.toAbsolutePath().normalize()).toList();
        allowedPackageHosts = allowedPackageHosts == null ? List.of()
                : allowedPackageHosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT))
                        .filter(host -> !host.isEmpty()).toList();
        if (maxPackageSize <= 0) {
            throw new IllegalArgumentException(MAX_PACKAGE_SIZE + " is " + maxPackageSize + ": give a size such as "
                    + DEFAULT_MAX_PACKAGE_SIZE);
        }
    }
}
