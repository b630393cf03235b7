package dev.magnetar.controlplane.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceControl;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.replicas.StoppedInstances;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.bridge.provision.SubscriptionBacklog;
import dev.magnetar.controlplane.packages.FunctionClassCheck;
import dev.magnetar.controlplane.packages.FunctionJars;
import dev.magnetar.controlplane.packages.FunctionPackages;
import dev.magnetar.controlplane.packages.JarLocations;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.controlplane.store.FunctionStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function lifecycle: validate, persist, then put the definition into effect where the replicas
 * run (see {@link FunctionReplicas}). A change that cannot be put into effect is undone, so the store
 * always holds what runs (or is meant to run).
 */
@Singleton
public class FunctionService {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionService.class);

    private final FunctionStore store;
    private final SubscriptionBacklog backlog;
    private final FunctionReplicas replicas;
    private final FunctionPackages packages;
    private final DefinitionAcceptance accept;
    private final ReplicaTotals totals;
    private final ScalingStatus scaling;
    /** Why a stored function is not (wholly) in effect: it failed at start-up, or its last update was rolled back. */
    private final Map<FunctionRef, String> deployErrors = new ConcurrentHashMap<>();

    /** Without package storage: jars are where the definitions point, within {@code locations}, and checked there. */
    public FunctionService(FunctionStore store, SubscriptionBacklog backlog, FunctionReplicas replicas,
                           JarLocations locations) {
        this(store, backlog, replicas, null, new FunctionJars(locations, new FunctionClassCheck(null)),
                new ReplicaTotals(), ScalingStatus.FROM_DEFINITION);
    }

    /**
     * {@code packages}: jars uploaded for a function are removed with it, as are its {@code totals};
     * {@code jars}: a new or changed jar must lie where jars are read from and hold its class before it is accepted,
     * and its digest is recorded.
     */
    @Inject
    public FunctionService(FunctionStore store, SubscriptionBacklog backlog, FunctionReplicas replicas,
                           @Nullable FunctionPackages packages, FunctionJars jars, ReplicaTotals totals,
                           ScalingStatus scaling) {
        this.store = store;
        this.backlog = backlog;
        this.replicas = replicas;
        this.packages = packages;
        this.accept = new DefinitionAcceptance(replicas, jars);
        this.totals = totals;
        this.scaling = scaling;
        replicas.listen(this::rolledBack);
    }

    /** Creates a function; its tenant, namespace and name must be filled in. */
    public synchronized Function create(Function definition) {
        ResolvedFunction resolved = accept.requireRunnable(definition, true);
        FunctionRef ref = FunctionRef.of(definition);
        if (store.get(ref).isPresent()) {
            throw new FunctionExistsException(ref);
        }
        accept.requireFunctionClass(definition, resolved);
        accept.recordPackage(definition, resolved);
        store.put(definition);
        try {
            deploy(definition, resolved);
        } catch (DeploymentException e) {
            store.delete(ref);
            throw e;
        }
        LOG.info("function {}: created with {} replicas", ref, resolved.replicas());
        return definition;
    }

    /**
     * Replaces a function's definition; an invalid one leaves the accepted one in place. A jar that stays is not
     * judged again, but its digest is taken again: an update is how other bytes at the same path are accepted.
     */
    public synchronized Function update(Function definition) {
        DefinitionAcceptance.requireValid(definition);
        FunctionRef ref = FunctionRef.of(definition);
        Function previous = store.get(ref).orElseThrow(() -> new FunctionNotFoundException(ref));
        boolean newCode = !Objects.equals(previous.getSpec().getRuntime(), definition.getSpec().getRuntime());
        ResolvedFunction resolved = accept.requireRunnable(definition, newCode);
        if (newCode) {
            accept.requireFunctionClass(definition, resolved); // unchanged code was judged when it was accepted
        }
        accept.recordPackage(definition, resolved);
        StoppedInstances.carryOver(previous, definition);
        store.put(definition);
        try {
            deploy(definition, resolved);
        } catch (DeploymentException e) {
            store.put(previous);
            throw e;
        }
        LOG.info("function {}: updated, {} replicas", ref, resolved.replicas());
        return definition;
    }

    /** Stops the replicas, forgets the definition, and drops the subscription when the spec asks for it. */
    public synchronized void delete(FunctionRef ref) {
        Function definition = store.get(ref).orElseThrow(() -> new FunctionNotFoundException(ref));
        replicas.remove(definition);
        store.delete(ref);
        if (packages != null) {
            packages.removeAll(ref);
        }
        deployErrors.remove(ref);
        totals.forget(ref.fqfn());
        LOG.info("function {}: deleted", ref);
    }

    /** Scales the function's replicas to zero, keeping its definition and remembering the count. */
    public synchronized void stop(FunctionRef ref) {
        Function definition = require(ref);
        StoppedReplicas.stop(definition);
        update(definition);
    }

    /** Brings a stopped function back to its remembered count, and starts any replica stopped alone. */
    public synchronized void start(FunctionRef ref) {
        Function definition = require(ref);
        if (StoppedInstances.clear(definition)) {
            store.put(definition);
        }
        if (StoppedReplicas.start(definition)) {
            update(definition);
            return;
        }
        InstanceControl instances = replicas.instances();
        if (instances.refusal(ref.fqfn(), InstanceAction.START).isPresent()) {
            return; // this mode keeps no replica stopped alone
        }
        for (InstanceStatus instance : replicas.status(ref.fqfn())) {
            if ("STOPPED".equals(instance.state())) {
                instances.control(ref.fqfn(), instance.instanceId(), InstanceAction.START);
            }
        }
    }

    /** Replaces every replica, one at a time; their counts start over, as in Pulsar. */
    public synchronized void restart(FunctionRef ref) {
        Function definition = require(ref);
        if (StoppedInstances.clear(definition)) {
            store.put(definition); // a restart starts the replicas stopped alone too
        }
        replicas.restart(ref.fqfn());
        totals.forget(ref.fqfn());
    }

    /**
     * Starts, stops or restarts one replica. The spec is not changed; a stopped replica is recorded
     * with the definition, so it stays stopped when the control plane restarts.
     */
    public synchronized void control(FunctionRef ref, int instanceId, InstanceAction action) {
        Function definition = require(ref);
        int count = ResolvedFunction.of(definition).replicas();
        if (instanceId < 0 || instanceId >= count) {
            throw new InstanceNotFoundException(ref, instanceId, count);
        }
        InstanceControl instances = replicas.instances();
        instances.refusal(ref.fqfn(), action).ifPresent(reason -> {
            throw new InstanceActionRefusedException(reason);
        });
        Function previous = require(ref);
        boolean changed = StoppedInstances.set(definition, instanceId, action == InstanceAction.STOP);
        if (changed) {
            store.put(definition);
        }
        try {
            instances.control(ref.fqfn(), instanceId, action);
        } catch (RuntimeException e) {
            if (changed) {
                store.put(previous);
            }
            throw e;
        }
        if (action == InstanceAction.RESTART) {
            totals.forget(ref.fqfn(), instanceId);
        }
    }

    /**
     * The mode rolled an update back after it was stored: the store goes back to the definition that runs, and the
     * status says why. An update changed or deleted since is left alone; the newer change decides.
     */
    synchronized void rolledBack(Function failed, Function running, String reason) {
        FunctionRef ref = FunctionRef.of(running);
        Optional<Function> stored = store.get(ref);
        if (stored.isEmpty() || !sameSpec(stored.get(), failed)) {
            return;
        }
        Function restored = FunctionDocuments.copy(running);
        StoppedInstances.carryOver(stored.get(), restored);
        store.put(restored);
        deployErrors.put(ref, reason);
        LOG.info("function {}: the stored definition is the one that runs again", ref);
    }

    private static boolean sameSpec(Function one, Function other) {
        ObjectMapper json = FunctionDocuments.json();
        return json.valueToTree(one.getSpec()).equals(json.valueToTree(other.getSpec()));
    }

    private Function require(FunctionRef ref) {
        return store.get(ref).orElseThrow(() -> new FunctionNotFoundException(ref));
    }

    public Optional<Function> get(FunctionRef ref) {
        return store.get(ref);
    }

    public List<String> list(String tenant, String namespace) {
        return store.list(tenant, namespace).stream().map(f -> f.getMetadata().getName()).toList();
    }

    public FunctionState status(FunctionRef ref) {
        Function definition = store.get(ref).orElseThrow(() -> new FunctionNotFoundException(ref));
        ResolvedFunction resolved = ResolvedFunction.of(definition);
        ScaleView scale = scaling.of(definition).orElse(null);
        return new FunctionState(scale == null ? resolved.replicas() : scale.desiredReplicas(), replicas.status(ref.fqfn()),
                backlog.backlog(resolved), deployErrors.get(ref),
                definition.getStatus() == null ? null : definition.getStatus().getPackageSha256(), scale);
    }

    /** Start-up: runs every stored function; one that fails is logged and reported in its status. */
    public synchronized void deployAll() {
        List<Function> stored = store.all();
        int running = 0;
        for (Function definition : stored) {
            FunctionRef ref = FunctionRef.of(definition);
            try {
                deploy(definition, accept.requireRunnable(definition, false));
                deployErrors.remove(ref);
                running++;
            } catch (RuntimeException e) {
                deployErrors.put(ref, e.getMessage());
                LOG.error("stored function {} not started: {}; fix it with an update, or delete it", ref, e.getMessage());
            }
        }
        if (!stored.isEmpty()) {
            LOG.info("{} of {} stored functions deployed", running, stored.size());
        }
    }

    private void deploy(Function definition, ResolvedFunction resolved) {
        try {
            replicas.apply(definition, resolved);
        } catch (RuntimeException e) {
            throw new DeploymentException("function " + resolved.fqfn() + ": " + e.getMessage(), e);
        }
        deployErrors.remove(FunctionRef.of(definition));
    }
}
