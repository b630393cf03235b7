package dev.magnetar.controlplane.service;

/** A valid definition could not be put into effect (topics, replicas); nothing was changed. */
public class DeploymentException extends RuntimeException {
    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
