package dev.magnetar.bench.controller;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.bridge.provision.TopicProvisioner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Pulsar side of the controller scenario, kept out of the measurement: it only counts what the reconciler
 * asks for. Topic provisioning against a real broker is what the other scenarios exercise; here the question is
 * the Kubernetes side (time to create children, API writes, heap).
 */
final class RecordingTopicProvisioner implements TopicProvisioner {
    private final AtomicLong ensures = new AtomicLong();

    @Override
    public void ensure(ResolvedFunction function) {
        ensures.incrementAndGet();
    }

    @Override
    public void removeSubscription(ResolvedFunction function) {
        // Nothing to remove: nothing was created.
    }

    @Override
    public long backlog(ResolvedFunction function) {
        return 0;
    }

    long ensures() {
        return ensures.get();
    }
}
