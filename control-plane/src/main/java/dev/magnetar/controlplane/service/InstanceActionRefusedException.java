package dev.magnetar.controlplane.service;

/** An action on a single replica that the mode its replicas run in cannot do; the message says why and what to do. */
public class InstanceActionRefusedException extends RuntimeException {
    public InstanceActionRefusedException(String reason) {
        super(reason);
    }
}
