package dev.magnetar.controlplane.service;

import dev.magnetar.api.v1alpha1.ScaleEvent;

/**
 * What the autoscaler says of one function.
 *
 * @param desiredReplicas the replicas it wants now
 * @param lastScale       its last change of the count, or null before the first
 */
public record ScaleView(int desiredReplicas, ScaleEvent lastScale) {
}
