package dev.magnetar.operator.testing;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.bridge.packages.PackageTopics;
import dev.magnetar.bridge.provision.ProvisioningException;
import dev.magnetar.bridge.provision.TopicProvisioner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pulsar.client.admin.PulsarAdminException;

/** Records what the reconciler asks of Pulsar; can pretend Pulsar is unreachable. */
public final class FakeTopicProvisioner implements TopicProvisioner, PackageTopics {
    public final List<String> ensured = new ArrayList<>();
    public final List<String> removedSubscriptions = new ArrayList<>();
    public final List<String> deletedPackageTopics = new ArrayList<>();
    private volatile boolean unreachable;
    private volatile Consumer<ResolvedFunction> onEnsure = function -> { };

    public void unreachable(boolean unreachable) {
        this.unreachable = unreachable;
    }

    /** Runs {@code check} inside each {@link #ensure}, e.g. to see what exists at that moment. */
    public void onEnsure(Consumer<ResolvedFunction> check) {
        this.onEnsure = check;
    }

    @Override
    public synchronized void ensure(ResolvedFunction function) {
        failIfUnreachable("create topic " + (function.inputs().isEmpty() ? function.topicsPattern() : function.inputs().get(0)));
        onEnsure.accept(function);
        ensured.add(function.fqfn());
    }

    @Override
    public synchronized void removeSubscription(ResolvedFunction function) {
        failIfUnreachable("delete subscription '" + function.subscriptionName() + "'");
        removedSubscriptions.add(function.subscriptionName());
    }

    @Override
    public synchronized void delete(String topic) {
        failIfUnreachable("delete package topic " + topic);
        deletedPackageTopics.add(topic);
    }

    @Override
    public long backlog(ResolvedFunction function) {
        return 0;
    }

    private void failIfUnreachable(String action) {
        if (unreachable) {
            throw new ProvisioningException(action, new PulsarAdminException("java.net.ConnectException: Connection refused"));
        }
    }
}
