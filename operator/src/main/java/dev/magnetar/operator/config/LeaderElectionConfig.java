package dev.magnetar.operator.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Leader election among controller replicas ({@code magnetar.kubernetes.leader.*}).
 *
 * @param enabled        off: reconcile at once without a Lease (a single replica)
 * @param leaseName      the Lease all replicas compete for
 * @param leaseNamespace where the Lease lives; the client's namespace (in a pod: its own) when unset
 * @param identity       this replica's name in the Lease; {@code HOSTNAME} (the pod name) when unset
 * @param leaseDuration  how long others wait for a leader that stopped renewing
 * @param renewDeadline  a leader that could not renew for this long stops reconciling
 * @param retryPeriod    how often candidates try and the leader renews
 */
@ConfigurationProperties(LeaderElectionConfig.PREFIX)
public record LeaderElectionConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "magnetar-controller") String leaseName,
        @Nullable String leaseNamespace,
        @Nullable String identity,
        @Bindable(defaultValue = "15s") Duration leaseDuration,
        @Bindable(defaultValue = "10s") Duration renewDeadline,
        @Bindable(defaultValue = "2s") Duration retryPeriod) {
    public static final String PREFIX = KubernetesModeConfig.PREFIX + ".leader";
}
