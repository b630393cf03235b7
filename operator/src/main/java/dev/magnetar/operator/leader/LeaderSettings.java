package dev.magnetar.operator.leader;

import java.time.Duration;

/**
 * Lease-based leader election among controller replicas.
 *
 * @param enabled        false: this instance reconciles at once, alone (one replica, or tests)
 * @param leaseNamespace namespace of the Lease (the controller's own)
 * @param leaseName      name of the Lease all replicas compete for
 * @param identity       this replica's name in the Lease (its pod name)
 * @param leaseDuration  how long a lease not renewed keeps others from taking over
 * @param renewDeadline  a leader that could not renew for this long stops reconciling
 * @param retryPeriod    how often candidates try to acquire and the leader renews
 */
public record LeaderSettings(boolean enabled, String leaseNamespace, String leaseName, String identity,
                             Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
}
