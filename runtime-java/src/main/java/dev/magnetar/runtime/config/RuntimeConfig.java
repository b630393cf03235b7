package dev.magnetar.runtime.config;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.launch.PulsarTrust;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.state.StateStorageSettings;
import dev.magnetar.api.v1alpha1.Function;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one replica needs to run, checked.
 *
 * @param function     the definition as given (for metadata such as the generation)
 * @param resolved     the same with every default applied
 * @param jar          the function jar, absolute; null when it is a {@code jarPackage}
 * @param jarPackage   the function jar kept in Pulsar (Kubernetes, uploaded through the admin API), or null
 * @param packageSha256 the SHA-256 (lower-case hex) the jar must have to be loaded, or null when none was given
 * @param pulsarUrl    the broker's service URL
 * @param authToken    a Pulsar token, or null
 * @param instanceId   this replica's index among the function's replicas
 * @param instanceName names this replica in its Pulsar consumer name and logs: the pod name on
 *                     Kubernetes (whose pods have no stable index), else the instance id
 * @param httpPort     the health/metrics/invoke port; 0 picks a free one
 * @param http         where that port listens and what opens its status and invoke routes
 * @param drainTimeout how long SIGTERM waits for in-flight messages
 * @param parentPid    a process whose exit stops this replica like SIGTERM (the local control
 *                     plane, so no replica outlives it); 0 for none
 * @param pulsarTrust  how the broker's certificate is checked on {@code pulsar+ssl://}
 * @param pulsarAdminUrl the cluster's admin URL for {@code Context.getPulsarAdmin()}, or null: no admin client
 * @param stateStorage where the function's state lives, or why nowhere
 */
public record RuntimeConfig(
        Function function,
        ResolvedFunction resolved,
        Path jar,
        PulsarPackage jarPackage,
        String packageSha256,
        String pulsarUrl,
        String authToken,
        int instanceId,
        String instanceName,
        int httpPort,
        HttpAccess http,
        Duration drainTimeout,
        long parentPid,
        PulsarTrust pulsarTrust,
        String pulsarAdminUrl,
        StateStorageSettings stateStorage) {

    /**
     * @param host  the address to listen on, or null for every interface
     * @param token the bearer token the status and invoke routes require, or null for none
     */
    public record HttpAccess(String host, String token) {
        @Override
        public String toString() {
            return "HttpAccess[host=" + host + ", token=" + (token == null ? "none" : "(hidden)") + "]";
        }
    }

    /** Without the token, which a record's own toString would print. */
    @Override
    public String toString() {
        return "RuntimeConfig[function=" + resolved.fqfn() + ", instance=" + instanceName + ", pulsarUrl=" + pulsarUrl
                + ", pulsarAdminUrl=" + pulsarAdminUrl + ", authToken=" + (authToken == null ? "none" : "(hidden)")
                + ", httpPort=" + httpPort + ", pulsarTrust=" + pulsarTrust + ", stateStorage="
                + stateStorage.serviceUrl() + "]";
    }

    /** Pulsar's consumer name for this replica: shows in topic stats which replica holds what. */
    public String consumerName() {
        return resolved.fqfn() + "-" + instanceName;
    }
}
