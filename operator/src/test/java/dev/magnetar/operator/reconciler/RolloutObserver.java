package dev.magnetar.operator.reconciler;

import dev.magnetar.operator.apiserver.KubeControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every change the API server records to a function's pods and Deployment during a rollout, from a list onwards (a
 * watch, not a poll: no state between two polls goes unseen). Records the fewest ready pods and ready replicas there
 * ever were, which of the pods serving at the start ever faltered (not ready, or gone), the new version's pods, and
 * whether the Deployment's progress deadline was declared exceeded.
 */
final class RolloutObserver implements AutoCloseable {
    private final Set<String> serving;
    private final Map<String, Boolean> podsReady = new HashMap<>();
    private final Set<String> faltered = new TreeSet<>();
    private final Set<String> newVersionPods = new TreeSet<>();
    private final List<Watch> watches;
    private int fewestReadyPods = Integer.MAX_VALUE;
    private int fewestReadyReplicas = Integer.MAX_VALUE;
    private boolean newVersionPodReady;
    private boolean deadlineExceeded;
    private volatile WatcherException lost;

    private RolloutObserver(KubernetesClient client, String namespace, Map<String, String> selector, Set<String> serving) {
        this.serving = Set.copyOf(serving);
        this.watches = List.of(
                watch(client.pods().inNamespace(namespace).withLabels(selector), this::pod),
                watch(client.apps().deployments().inNamespace(namespace).withLabels(selector), this::deployment));
        synchronized (this) {
            countReadyPods(); // the listed state (a count after each listed pod would see a partial one)
        }
    }

    /** @param serving the pods that serve now, all of which are to stay ready */
    static RolloutObserver start(KubernetesClient client, String namespace, Map<String, String> selector,
            Set<String> serving) {
        return new RolloutObserver(client, namespace, selector, serving);
    }

    synchronized int fewestReadyPods() {
        return fewestReadyPods;
    }

    synchronized int fewestReadyReplicas() {
        return fewestReadyReplicas;
    }

    synchronized Set<String> servingPodsThatFaltered() {
        return Set.copyOf(faltered);
    }

    synchronized Set<String> newVersionPods() {
        return Set.copyOf(newVersionPods);
    }

    synchronized boolean newVersionPodsEverReady() {
        return newVersionPodReady;
    }

    synchronized boolean deadlineExceeded() {
        return deadlineExceeded;
    }

    /** Why a watch ended before {@link #close()}; null when none did. */
    WatcherException lostWatch() {
        return lost;
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }

    private synchronized void pod(Watcher.Action action, Pod pod, boolean listed) {
        String name = pod.getMetadata().getName();
        boolean ready = action != Watcher.Action.DELETED && KubeControlPlane.ready(pod);
        if (action == Watcher.Action.DELETED) {
            podsReady.remove(name);
        } else {
            podsReady.put(name, ready);
        }
        if (serving.contains(name) && !ready) {
            faltered.add(name);
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels != null && labels.containsKey(KubeControlPlane.NEVER_READY_LABEL)) {
            newVersionPods.add(name);
            newVersionPodReady |= ready;
        }
        if (!listed) {
            countReadyPods();
        }
    }

    private void countReadyPods() {
        fewestReadyPods = Math.min(fewestReadyPods, (int) podsReady.values().stream().filter(r -> r).count());
    }

    private synchronized void deployment(Watcher.Action action, Deployment deployment, boolean listed) {
        DeploymentStatus status = deployment.getStatus();
        int ready = action == Watcher.Action.DELETED || status == null || status.getReadyReplicas() == null
                ? 0 : status.getReadyReplicas();
        fewestReadyReplicas = Math.min(fewestReadyReplicas, ready);
        deadlineExceeded |= status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                        && "ProgressDeadlineExceeded".equals(c.getReason()));
    }

    /** Lists, then watches from the list's resourceVersion; {@code onChange} hears whether an item was listed. */
    private <T extends HasMetadata, L extends KubernetesResourceList<T>> Watch watch(
            FilterWatchListDeletable<T, L, ?> resources, Change<T> onChange) {
        L list = resources.list();
        list.getItems().forEach(item -> onChange.accept(Watcher.Action.ADDED, item, true));
        return resources.watch(new ListOptionsBuilder().withResourceVersion(list.getMetadata().getResourceVersion())
                .build(), new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, T resource) {
                        if (action != Action.ERROR && action != Action.BOOKMARK) {
                            onChange.accept(action, resource, false);
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        lost = cause;
                    }
                });
    }

    private interface Change<T> {
        void accept(Watcher.Action action, T resource, boolean listed);
    }
}
