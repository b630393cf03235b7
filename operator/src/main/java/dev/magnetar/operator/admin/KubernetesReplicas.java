package dev.magnetar.operator.admin;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceControl;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.KubernetesAutoscalingRules;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.operator.config.KubernetesModeConfig;
import dev.magnetar.operator.resources.RuntimeDeployment;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A function's replicas as the admin API sees them in Kubernetes mode: the Function resource the
 * store wrote is the whole change, and the operator alone provisions topics and makes the
 * Deployment, so {@link #apply} and {@link #remove} leave everything to it. {@link #restart} rolls
 * the Deployment; {@link #status} reports the function's pods, oldest first. Of single-replica
 * control only restart is offered (the pod is deleted and replaced): a Deployment's pods are
 * interchangeable.
 */
@Singleton
@Requires(property = KubernetesModeConfig.MODE_PROPERTY, value = KubernetesModeConfig.KUBERNETES)
@Replaces(FunctionReplicas.class)
public class KubernetesReplicas implements FunctionReplicas, InstanceControl {
    private final KubernetesClient client;
    private final KubernetesModeConfig config;
    private final Path packagesDir;

    public KubernetesReplicas(KubernetesClient client, KubernetesModeConfig config, ControlPlaneConfig controlPlane) {
        this.client = client;
        this.config = config;
        this.packagesDir = controlPlane.packagesDir();
    }

    /**
     * A CPU target without engine keda is refused with the CRD's own words ({@link KubernetesAutoscalingRules}). A
     * jar path on the control plane's disk, which the function's pods cannot read, is refused rather
     * than turned into pods that can never start. (Jars received through the admin API are published
     * into Pulsar by {@link PulsarPackageDistribution} and never point there.)
     */
    @Override
    public List<Violation> preflight(Function definition, ResolvedFunction function) {
        List<Violation> autoscaling = KubernetesAutoscalingRules.check(definition);
        if (!autoscaling.isEmpty()) {
            return autoscaling;
        }
        String jar = function.jar();
        if (jar != null && Path.of(jar).isAbsolute() && Path.of(jar).normalize().startsWith(packagesDir)) {
            return List.of(new Violation("spec.runtime.jar", "the jar is on the control plane's disk, which on"
                    + " Kubernetes the function's pods cannot read: upload it through the admin API (it is then kept"
                    + " in Pulsar), or build an image FROM the"
                    + " runtime image (" + config.runtimeImage() + ") with the jar inside, then give spec.runtime.image"
                    + " and spec.runtime.jar (its path in the image), e.g. with kubectl apply -f function.yaml"));
        }
        return List.of();
    }

    /** The operator reacts to the stored Function resource: topics first, then the Deployment. */
    @Override
    public void apply(Function definition, ResolvedFunction function) {
        // Nothing more to do here: the stored resource is the change.
    }

    /**
     * The Deployment is owned by the Function resource and goes with it; the operator's finalizer drops the
     * subscription once no replica pod is left, so none can re-create it.
     */
    @Override
    public void remove(Function definition) {
        // Nothing more to do here: the deleted resource is the change.
    }

    /** A rolling restart, as {@code kubectl rollout restart} does it: a new pod-template annotation. */
    @Override
    public void restart(String fqfn) {
        String[] parts = fqfn.split("/", 3);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (Deployment deployment : client.apps().deployments().inAnyNamespace()
                .withLabels(FunctionNames.selectorLabels(parts[0], parts[1], parts[2])).list().getItems()) {
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                    .withName(deployment.getMetadata().getName())
                    .edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editOrNewMetadata()
                            .addToAnnotations(RuntimeDeployment.RESTARTED_AT, now)
                            .endMetadata().endTemplate().endSpec().build());
        }
    }

    @Override
    public InstanceControl instances() {
        return this;
    }

    /** A single pod of a Deployment cannot be kept stopped: only restart is offered. */
    @Override
    public Optional<String> refusal(String fqfn, InstanceAction action) {
        if (action == InstanceAction.RESTART) {
            return Optional.empty();
        }
        return Optional.of("on Kubernetes a single replica of " + fqfn + " cannot be " + action.done()
                + ": its pods are interchangeable; " + action.verb() + " the whole function, or change its replicas");
    }

    /**
     * Restarting one replica deletes its pod (instance ids are the pods' order by age, as {@link #status}
     * reports them); the Deployment starts a fresh one.
     */
    @Override
    public void control(String fqfn, int instanceId, InstanceAction action) {
        refusal(fqfn, action).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        List<Pod> pods = pods(fqfn);
        if (instanceId < 0 || instanceId >= pods.size()) {
            throw new IllegalArgumentException(fqfn + " has no replica " + instanceId + ": it runs " + pods.size());
        }
        Pod pod = pods.get(instanceId);
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
    }

    @Override
    public List<InstanceStatus> status(String fqfn) {
        List<Pod> pods = pods(fqfn);
        List<InstanceStatus> instances = new ArrayList<>();
        for (int i = 0; i < pods.size(); i++) {
            instances.add(instance(i, pods.get(i)));
        }
        return instances;
    }

    /** The function's pods, oldest first: the order that gives them their instance ids. */
    private List<Pod> pods(String fqfn) {
        String[] parts = fqfn.split("/", 3);
        List<Pod> pods = new ArrayList<>(client.pods().inAnyNamespace()
                .withLabels(FunctionNames.selectorLabels(parts[0], parts[1], parts[2])).list().getItems());
        pods.sort(Comparator.comparing(pod -> String.valueOf(pod.getMetadata().getCreationTimestamp())));
        return pods;
    }

    @Override
    public void close() {
        // Nothing to stop: replicas belong to the cluster.
    }

    private InstanceStatus instance(int index, Pod pod) {
        List<ContainerStatus> containers = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        ContainerStatus container = containers.isEmpty() ? null : containers.get(0);
        boolean ready = container != null && Boolean.TRUE.equals(container.getReady());
        int restarts = container == null || container.getRestartCount() == null ? 0 : container.getRestartCount();
        String lastError = container == null || container.getLastState() == null
                || container.getLastState().getTerminated() == null ? null
                : container.getLastState().getTerminated().getReason();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        String state = ready ? "RUNNING" : "Running".equals(phase) && restarts > 0 ? "RESTARTING"
                : "Succeeded".equals(phase) || "Failed".equals(phase) ? "STOPPED" : "STARTING";
        String podIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        return new InstanceStatus(index, state, -1, restarts, ready, lastError, config.runtimeHttpPort(), podIp);
    }
}
