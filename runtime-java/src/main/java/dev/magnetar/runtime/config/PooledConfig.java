package dev.magnetar.runtime.config;

import dev.magnetar.api.launch.PulsarTrust;

/**
 * What a JVM of standalone's warm pool knows before its function is assigned: no function, no credentials.
 *
 * @param pulsarUrl   the broker's service URL, which its Pulsar client connects to while it waits
 * @param pulsarTrust how the broker's certificate is checked: the control plane's trust, the same for every function
 * @param parentPid   the control plane, whose exit stops this JVM; 0 for none
 */
public record PooledConfig(String pulsarUrl, PulsarTrust pulsarTrust, long parentPid) {
}
