package dev.magnetar.controlplane.service;

import dev.magnetar.controlplane.store.FunctionRef;

/** The function exists but has no instance of that id. */
public class InstanceNotFoundException extends RuntimeException {
    public InstanceNotFoundException(FunctionRef ref, int instanceId, int instances) {
        super("function " + ref.fqfn() + " has no instance " + instanceId + ": "
                + (instances == 0 ? "it runs no instances" : "its instances are 0 to " + (instances - 1)));
    }
}
