package dev.magnetar.operator.reconciler;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.leader.LeaderWork;
import dev.magnetar.operator.resources.ChildMetadata;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop around {@link FunctionReconciler}: an informer on Functions (with periodic
 * resync) and on the Deployments and Services the controller made and the HorizontalPodAutoscalers earlier versions
 * made (so a child changed or deleted by hand, or left behind, brings its Function back to the reconciler), and a
 * work queue that runs one reconcile at a time, keeps at most one pending run per Function, honours requeue delays
 * and backs off exponentially after failures.
 *
 * <p>Written by hand rather than on the Java Operator SDK: this is about 200 lines, the reconciler
 * can be called directly in tests, and JOSDK 5's server-side-apply patches of status and finalizers
 * are not served by the fabric8 CRUD mock server the tests run against.
 */
public class ReconcileLoop implements LeaderWork {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final FunctionReconciler reconciler;
    private final List<String> namespaces;
    private final Duration resync;
    private final ScheduledExecutorService queue = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "magnetar-reconciler");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ScheduledFuture<?>> pending = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final List<SharedIndexInformer<Function>> functionInformers = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<?>> childInformers = new ArrayList<>();

    /** @param namespaces namespaces to watch; empty for all */
    public ReconcileLoop(KubernetesClient client, FunctionReconciler reconciler, List<String> namespaces, Duration resync) {
        this.client = client;
        this.reconciler = reconciler;
        this.namespaces = List.copyOf(namespaces);
        this.resync = resync;
    }

    /** Starts the informers; returns once their caches hold the current state. */
    public synchronized void start() {
        ResourceEventHandler<Function> onFunction = handler(this::enqueueFunction);
        for (String namespace : namespaces.isEmpty() ? List.of("") : namespaces) {
            functionInformers.add(functions(namespace).inform(onFunction, resync.toMillis()));
            childInformers.add(watchChildren(Deployment.class, namespace));
            childInformers.add(watchChildren(Service.class, namespace));
            childInformers.add(watchChildren(HorizontalPodAutoscaler.class, namespace));
        }
        LOG.info("Reconciling Function resources in {}", namespaces.isEmpty() ? "all namespaces" : namespaces);
    }

    /** The Functions as the informers last saw them: what others look at every second without asking the API server. */
    public List<Function> functions() {
        List<Function> functions = new ArrayList<>();
        functionInformers.forEach(informer -> functions.addAll(informer.getStore().list()));
        return functions;
    }

    /** Stops at once: no further reconcile starts; one in progress may finish (up to 10 s). */
    @Override
    public void close() {
        synchronized (this) {
            functionInformers.forEach(SharedIndexInformer::stop);
            childInformers.forEach(SharedIndexInformer::stop);
            functionInformers.clear();
            childInformers.clear();
            pending.values().forEach(future -> future.cancel(false));
            pending.clear();
            queue.shutdown();
        }
        try {
            if (!queue.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                queue.shutdownNow();
            }
        } catch (InterruptedException e) {
            queue.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<Function, ?, ?> functions(String namespace) {
        var functions = client.resources(Function.class);
        return namespace.isEmpty() ? functions.inAnyNamespace() : functions.inNamespace(namespace);
    }

    private <T extends HasMetadata> SharedIndexInformer<T> watchChildren(Class<T> type, String namespace) {
        var resources = client.resources(type);
        var scoped = namespace.isEmpty() ? resources.inAnyNamespace() : resources.inNamespace(namespace);
        return scoped.withLabel(FunctionNames.LABEL_MANAGED_BY, ChildMetadata.MANAGER)
                .inform(handler(this::enqueueOwner), resync.toMillis());
    }

    private void enqueueFunction(Function function) {
        enqueue(Cache.metaNamespaceKeyFunc(function), Duration.ZERO);
    }

    private void enqueueOwner(HasMetadata child) {
        for (OwnerReference owner : child.getMetadata().getOwnerReferences()) {
            if ("Function".equals(owner.getKind()) && Function.API_VERSION.equals(owner.getApiVersion())) {
                enqueue(child.getMetadata().getNamespace() + "/" + owner.getName(), Duration.ZERO);
            }
        }
    }

    /** Schedules a reconcile of {@code key} after {@code delay}, unless one is already due sooner. */
    synchronized void enqueue(String key, Duration delay) {
        if (queue.isShutdown()) {
            return;
        }
        ScheduledFuture<?> scheduled = pending.get(key);
        if (scheduled != null && !scheduled.isDone() && scheduled.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
            return;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        pending.put(key, queue.schedule(() -> run(key), delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void run(String key) {
        synchronized (this) {
            pending.remove(key);
        }
        Function function = cached(key);
        if (function == null) {
            return; // deleted: the children go with their owner
        }
        try {
            ReconcileResult result = reconciler.reconcile(function);
            synchronized (this) {
                failures.remove(key);
            }
            result.requeueAfter().ifPresent(delay -> enqueue(key, delay));
        } catch (RuntimeException e) {
            if (queue.isShutdown()) {
                return;
            }
            int failed;
            synchronized (this) {
                failed = failures.merge(key, 1, Integer::sum);
            }
            Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(failed - 1, 16));
            backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
            LOG.warn("Reconcile of function {} failed (attempt {}), retrying in {}: {}", key, failed, backoff,
                    e.getMessage(), e);
            enqueue(key, backoff);
        }
    }

    private Function cached(String key) {
        for (SharedIndexInformer<Function> informer : functionInformers) {
            Function function = informer.getStore().getByKey(key);
            if (function != null) {
                return function;
            }
        }
        return null;
    }

    private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                onChange.accept(object);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                onChange.accept(newObject);
            }

            @Override
            public void onDelete(T object, boolean deletedFinalStateUnknown) {
                onChange.accept(object);
            }
        };
    }
}
