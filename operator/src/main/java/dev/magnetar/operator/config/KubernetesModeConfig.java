package dev.magnetar.operator.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The controller in Kubernetes mode ({@code magnetar.kubernetes.*}); active only with
 * {@code magnetar.mode=kubernetes}.
 *
 * @param runtimeImage          runtime image of functions that name none in {@code spec.runtime.image}
 * @param runtimeHttpPort       port of the runtime's HTTP server in each replica
 * @param watchNamespaces       namespaces whose Functions are reconciled; empty for all
 * @param resyncPeriod          how often every Function is reconciled again without an event
 * @param masterUrl             API server URL; unset to use the in-cluster service account or kubeconfig
 * @param rolloutDeadline       how long a new version's pods may take to become ready before the rollout is
 *                              rolled back
 */
@ConfigurationProperties(KubernetesModeConfig.PREFIX)
public record KubernetesModeConfig(
        @Bindable(defaultValue = KubernetesModeConfig.DEFAULT_RUNTIME_IMAGE) String runtimeImage,
        @Bindable(defaultValue = "9090") int runtimeHttpPort,
        @Nullable List<String> watchNamespaces,
        @Bindable(defaultValue = "10m") Duration resyncPeriod,
        @Nullable String masterUrl,
        @Bindable(defaultValue = "2m") Duration rolloutDeadline) {

    public static final String PREFIX = "magnetar.kubernetes";
    /** The property that selects the mode; {@value #KUBERNETES} turns this configuration on. */
    public static final String MODE_PROPERTY = "magnetar.mode";
    public static final String KUBERNETES = "kubernetes";
    public static final String DEFAULT_RUNTIME_IMAGE = "docker.io/magnetar/runtime-java:0.1.0";

    public KubernetesModeConfig {
        watchNamespaces = watchNamespaces == null ? List.of()
                : watchNamespaces.stream().map(String::strip).filter(namespace -> !namespace.isEmpty()).toList();
    }
}
