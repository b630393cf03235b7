package dev.magnetar.bridge.packages;

/**
 * The package topics of functions, as the control plane removes them: behind an interface so the
 * reconciler's tests can stand in for Pulsar.
 */
@FunctionalInterface
public interface PackageTopics {

    /**
     * Deletes a package topic with every version of the jar in it; a topic that is not there is not
     * an error.
     *
     * @throws dev.magnetar.bridge.provision.ProvisioningException saying whether a retry can help
     */
    void delete(String topic);
}
