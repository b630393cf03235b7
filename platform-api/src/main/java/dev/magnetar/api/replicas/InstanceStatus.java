package dev.magnetar.api.replicas;

/**
 * What is known of one replica.
 *
 * @param instanceId  0-based replica index
 * @param state       RUNNING, STARTING, RESTARTING (it died and has not been ready since) or STOPPED
 * @param pid         OS process id, or -1
 * @param restarts    how often it was restarted after dying
 * @param ready       subscribed and taking messages
 * @param lastError   the last reason it died, or null
 * @param httpPort    the replica's health/metrics/invoke port, or -1
 * @param host        where that port is: loopback for a local replica, the pod's IP on Kubernetes
 *                    (null while the pod has none)
 */
public record InstanceStatus(int instanceId, String state, long pid, int restarts, boolean ready,
                             String lastError, int httpPort, String host) {
    public static final String LOOPBACK = "127.0.0.1";

    /** A replica on this machine. */
    public InstanceStatus(int instanceId, String state, long pid, int restarts, boolean ready, String lastError,
                          int httpPort) {
        this(instanceId, state, pid, restarts, ready, lastError, httpPort, LOOPBACK);
    }
}
