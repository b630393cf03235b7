package dev.magnetar.controlplane.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * Where the control plane keeps its state ({@code magnetar.*}).
 *
 * @param dataDir          holds {@code functions/} (definitions), {@code packages/} (uploaded jars),
 *                         {@code uploads/} (files uploaded by path),
 *                         {@code run/}, {@code logs/} and {@code secrets/}; {@code ~/.magnetar/data} when unset
 * @param createNamespaces create a function's Pulsar tenant and namespace when missing (standalone)
 */
@ConfigurationProperties(ControlPlaneConfig.PREFIX)
public record ControlPlaneConfig(@Nullable Path dataDir,
                                 @Bindable(defaultValue = "true") boolean createNamespaces) {
    public static final String PREFIX = "magnetar";
    /**
     * {@code false} leaves the controller out of this process: no admin APIs, no reconciling, no
     * replicas; only the gateway (the gateway's pods on Kubernetes). The counterpart is
     * {@code magnetar.gateway.enabled}.
     */
    public static final String CONTROLLER_ENABLED_PROPERTY = "magnetar.controller.enabled";
    public static final Path DEFAULT_DATA_DIR = Path.of(System.getProperty("user.home"), ".magnetar", "data");

    public ControlPlaneConfig {
        dataDir = (dataDir == null ? DEFAULT_DATA_DIR : dataDir).toAbsolutePath().normalize();
    }

    public Path functionsDir() {
        return dataDir.resolve("functions");
    }

    /** Jars uploaded through Pulsar's Functions API. */
    public Path packagesDir() {
        return dataDir.resolve("packages");
    }

    /** Files kept by path through Pulsar's {@code functions upload}. */
    public Path uploadsDir() {
        return dataDir.resolve("uploads");
    }
}
