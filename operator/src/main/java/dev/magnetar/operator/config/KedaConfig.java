package dev.magnetar.operator.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The KEDA ScaledObjects of Functions with {@code autoscaling.engine: keda} ({@code magnetar.kubernetes.keda.*}).
 *
 * @param pulsarAdminUrl     Pulsar's HTTP admin URL as KEDA reaches it; {@code magnetar.pulsar.admin-url} when unset
 * @param authenticationRef  a ClusterTriggerAuthentication (or, with {@code authentication-kind}, a
 *                           TriggerAuthentication in each function's namespace) with KEDA's Pulsar credentials; unset
 *                           when Pulsar needs none
 * @param authenticationKind {@code ClusterTriggerAuthentication} or {@code TriggerAuthentication}
 * @param authModes          the Pulsar scaler's {@code authModes} ({@code bearer}, {@code tls}, {@code basic},
 *                           {@code oauth}) to go with them
 */
@ConfigurationProperties(KedaConfig.PREFIX)
public record KedaConfig(
        @Nullable String pulsarAdminUrl,
        @Nullable String authenticationRef,
        @Bindable(defaultValue = "ClusterTriggerAuthentication") String authenticationKind,
        @Nullable String authModes) {
    public static final String PREFIX = KubernetesModeConfig.PREFIX + ".keda";
}
