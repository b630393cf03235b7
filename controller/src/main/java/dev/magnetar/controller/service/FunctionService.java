package dev.magnetar.controller.service;

import dev.magnetar.api.naming.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.validation.InvalidFunctionException;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.bridge.provision.TopicProvisioner;
import dev.magnetar.controller.orchestrator.InstanceAction;
import dev.magnetar.controller.orchestrator.InstanceStatus;
import dev.magnetar.controller.orchestrator.Orchestrator;
import dev.magnetar.controller.orchestrator.StoppedInstances;
import dev.magnetar.controller.store.FunctionPackages;
import dev.magnetar.controller.store.FunctionRef;
import dev.magnetar.controller.store.FunctionStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function lifecycle: validate, persist, provision topics, then run replicas. A change that
 * cannot be put into effect is undone, so the store always holds what runs (or is meant to run).
 */
@Singleton
public class FunctionService {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionService.class);

    private final FunctionStore store;
    private final TopicProvisioner provisioner;
    private final Orchestrator orchestrator;
    private final FunctionPackages packages;
    /** Why a stored function is not running; set when the start-up deployment failed. */
    private final Map<FunctionRef, String> deployErrors = new ConcurrentHashMap<>();

    /** Without package storage: jars are wherever the definitions point. */
    public FunctionService(FunctionStore store, TopicProvisioner provisioner, Orchestrator orchestrator) {
        this(store, provisioner, orchestrator, null);
    }

    /** {@code packages}: jars uploaded for a function are removed with it. */
    @Inject
    public FunctionService(FunctionStore store, TopicProvisioner provisioner, Orchestrator orchestrator,
                           @Nullable FunctionPackages packages) {
        this.store = store;
        this.provisioner = provisioner;
        this.orchestrator = orchestrator;
        this.packages = packages;
    }

    /** Creates a function; its tenant, namespace and name must be filled in. */
    public synchronized Function create(Function definition) {
        ResolvedFunction resolved = requireRunnable(definition);
        FunctionRef ref = FunctionRef.of(definition);
        if (store.get(ref).isPresent()) {
            throw new FunctionExistsException(ref);
        }
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

    /** Replaces a function's definition; an invalid one leaves the accepted one in place. */
    public synchronized Function update(Function definition) {
        ResolvedFunction resolved = requireRunnable(definition);
        FunctionRef ref = FunctionRef.of(definition);
        Function previous = store.get(ref).orElseThrow(() -> new FunctionNotFoundException(ref));
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
        orchestrator.remove(ref.fqfn());
        store.delete(ref);
        if (packages != null) {
            packages.removeAll(ref);
        }
        deployErrors.remove(ref);
        if (Boolean.TRUE.equals(definition.getSpec().getCleanupSubscription()) && !orchestrator.removesSubscriptionItself()) {
            ResolvedFunction resolved = ResolvedFunction.of(definition);
            provisioner.removeSubscription(resolved);
            LOG.info("function {}: subscription '{}' removed", ref, resolved.subscriptionName());
        }
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
        for (InstanceStatus instance : orchestrator.status(ref.fqfn())) {
            if ("STOPPED".equals(instance.state())) {
                orchestrator.control(ref.fqfn(), instance.instanceId(), InstanceAction.START);
            }
        }
    }

    /** Replaces every replica, one at a time. */
    public synchronized void restart(FunctionRef ref) {
        Function definition = require(ref);
        if (StoppedInstances.clear(definition)) {
            store.put(definition); // a restart starts the replicas stopped alone too
        }
        orchestrator.restart(ref.fqfn());
    }

    /**
     * Starts, stops or restarts one replica. The spec is not changed; a stopped replica is recorded
     * with the definition, so it stays stopped when the control plane restarts.
     */
    public synchronized void control(FunctionRef ref, int instanceId, InstanceAction action) {
        Function definition = require(ref);
        int replicas = ResolvedFunction.of(definition).replicas();
        if (instanceId < 0 || instanceId >= replicas) {
            throw new InstanceNotFoundException(ref, instanceId, replicas);
        }
        Function previous = require(ref);
        boolean changed = StoppedInstances.set(definition, instanceId, action == InstanceAction.STOP);
        if (changed) {
            store.put(definition);
        }
        try {
            orchestrator.control(ref.fqfn(), instanceId, action);
        } catch (RuntimeException e) {
            if (changed) {
                store.put(previous);
            }
            throw e;
        }
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
        long backlog = provisioner.backlog(resolved);
        return new FunctionState(resolved.replicas(), orchestrator.status(ref.fqfn()), backlog, deployErrors.get(ref));
    }

    /** Start-up: runs every stored function; one that fails is logged and reported in its status. */
    public synchronized void deployAll() {
        List<Function> stored = store.all();
        int running = 0;
        for (Function definition : stored) {
            FunctionRef ref = FunctionRef.of(definition);
            try {
                deploy(definition, requireRunnable(definition));
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

    /** Every violation of the definition, including what this orchestrator cannot run. */
    private ResolvedFunction requireRunnable(Function definition) {
        List<Violation> violations = new ArrayList<>(FunctionValidator.validate(definition));
        if (!violations.isEmpty()) {
            throw new InvalidFunctionException(subject(definition), violations);
        }
        ResolvedFunction resolved = ResolvedFunction.of(definition);
        violations.addAll(orchestrator.preflight(definition, resolved));
        if (!violations.isEmpty()) {
            throw new InvalidFunctionException(subject(definition), violations);
        }
        return resolved;
    }

    /** Topics and subscription first, so no message published before the first replica is missed. */
    private void deploy(Function definition, ResolvedFunction resolved) {
        try {
            provisioner.ensure(resolved);
        } catch (RuntimeException e) {
            throw new DeploymentException("function " + resolved.fqfn() + ": topics not provisioned: " + e.getMessage(), e);
        }
        try {
            orchestrator.apply(definition, resolved);
        } catch (RuntimeException e) {
            throw new DeploymentException("function " + resolved.fqfn() + ": replicas not started: " + e.getMessage(), e);
        }
        deployErrors.remove(FunctionRef.of(definition));
    }

    private static String subject(Function definition) {
        return "function " + (definition.getMetadata() == null ? "?" : definition.getMetadata().getName());
    }
}
