package dev.magnetar.operator.resources;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.PodOverlay;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Deployment running a function's replicas: a pure function of the Function and the
 * {@link RuntimeSettings}. Its replicas are the Function's {@code spec.replicas}: set by hand (or
 * {@code --parallelism}) for a fixed count, by Magnetar's autoscaler (kept within its bounds, 0 included) when
 * {@code autoscaling} is set. With {@code autoscaling.engine: keda} they are left unset and the observed count is
 * carried over, as KEDA's HorizontalPodAutoscaler owns them; otherwise a count changed on the Deployment by hand is
 * put back.
 */
public final class RuntimeDeployment implements Dependent<Deployment> {
    public static final String CONTAINER = "function";
    public static final String HTTP_PORT_NAME = "http";
    public static final String READINESS_PATH = "/readyz";
    public static final String LIVENESS_PATH = "/healthz";
    /** Pod-template annotation of a rolling restart (as {@code kubectl rollout restart} writes it); kept by updates. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final RuntimeSettings settings;

    public RuntimeDeployment(RuntimeSettings settings) {
        this.settings = settings;
    }

    @Override
    public Class<Deployment> type() {
        return Deployment.class;
    }

    @Override
    public Optional<Deployment> desired(Function function) {
        return Optional.of(desired(function, settings));
    }

    /** Replicas the spec sets but someone changed on the Deployment (kubectl scale deployment) are put back. */
    @Override
    public boolean drifted(Deployment observed, Deployment desired) {
        return desired.getSpec().getReplicas() != null
                && !desired.getSpec().getReplicas().equals(observed.getSpec().getReplicas());
    }

    /**
     * Never writes replicas while KEDA owns them, never undoes a rolling restart, and keeps a rollback:
     * while the desired version is the one whose rollout failed, the previous version's pod template stays.
     */
    @Override
    public void carryOver(Deployment observed, Deployment desired) {
        if (desired.getSpec().getReplicas() == null) {
            desired.getSpec().setReplicas(observed.getSpec().getReplicas());
        }
        keepRestartedAt(observed, desired);
        String rolledBackFrom = annotation(observed, FunctionNames.ANNOTATION_ROLLED_BACK_FROM);
        if (rolledBackFrom != null && rolledBackFrom.equals(annotation(desired, FunctionNames.ANNOTATION_DESIRED_HASH))) {
            desired.getSpec().setTemplate(observed.getSpec().getTemplate());
            desired.getMetadata().getAnnotations().put(FunctionNames.ANNOTATION_ROLLED_BACK_FROM, rolledBackFrom);
        }
    }

    private static String annotation(Deployment deployment, String key) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /** An update must not undo a rolling restart, or it would roll the replicas a second time. */
    private static void keepRestartedAt(Deployment observed, Deployment desired) {
        Map<String, String> annotations = observed.getSpec().getTemplate().getMetadata() == null ? null
                : observed.getSpec().getTemplate().getMetadata().getAnnotations();
        String restartedAt = annotations == null ? null : annotations.get(RESTARTED_AT);
        if (restartedAt != null) {
            ObjectMeta template = desired.getSpec().getTemplate().getMetadata();
            Map<String, String> merged = new TreeMap<>();
            if (template.getAnnotations() != null) {
                merged.putAll(template.getAnnotations());
            }
            merged.put(RESTARTED_AT, restartedAt);
            template.setAnnotations(merged);
        }
    }

    public static Deployment desired(Function function, RuntimeSettings settings) {
        ResolvedFunction resolved = ResolvedFunction.of(function);
        return new DeploymentBuilder()
                .withMetadata(ChildMetadata.of(function, resolved))
                .withNewSpec()
                .withReplicas(replicas(function, resolved))
                .withNewSelector().withMatchLabels(ChildMetadata.selector(resolved)).endSelector()
                // A new version's pods start next to the old ones, which stop only as new ones are ready.
                .withNewStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1))
                .endRollingUpdate().endStrategy()
                .withProgressDeadlineSeconds(Math.toIntExact(settings.rolloutDeadline().toSeconds()))
                .withTemplate(podTemplate(function, resolved, settings))
                .endSpec()
                .build();
    }

    /** The count the Function asks for; null when KEDA owns it. */
    static Integer replicas(Function function, ResolvedFunction resolved) {
        Optional<ScalingPolicy> policy = ScalingPolicy.of(function);
        if (policy.isEmpty()) {
            return resolved.replicas();
        }
        // A count written by hand outside the bounds is not run even for the moment until the autoscaler's next look.
        return policy.get().engine() == ScalingPolicy.Engine.KEDA ? null : policy.get().clamp(resolved.replicas());
    }

    private static PodTemplateSpec podTemplate(Function function, ResolvedFunction resolved, RuntimeSettings settings) {
        PodOverlay overlay = function.getSpec().getPod();
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> annotations = new TreeMap<>();
        if (overlay != null && overlay.labels() != null) {
            labels.putAll(overlay.labels());
        }
        if (overlay != null && overlay.annotations() != null) {
            annotations.putAll(overlay.annotations());
        }
        labels.putAll(ChildMetadata.labels(resolved)); // the selector wins over the overlay
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).withAnnotations(annotations.isEmpty() ? null : annotations)
                .endMetadata()
                .withNewSpec()
                // Whatever the Function says: a replica runs user code and has no business with the Kubernetes API.
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.pod())
                .withNodeSelector(overlay == null || overlay.nodeSelector() == null ? null : new TreeMap<>(overlay.nodeSelector()))
                .withTolerations(overlay == null ? null : overlay.tolerations())
                .withAffinity(overlay == null ? null : overlay.affinity())
                .withContainers(container(function, resolved, settings))
                .withVolumes(PodSecurity.tmpVolume())
                .endSpec()
                .build();
    }

    private static Container container(Function function, ResolvedFunction resolved, RuntimeSettings settings) {
        String image = resolved.image() == null || resolved.image().isBlank() ? settings.defaultImage() : resolved.image();
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                .withEnv(RuntimeEnvironment.of(function, settings))
                .addNewPort().withName(HTTP_PORT_NAME).withContainerPort(settings.httpPort()).withProtocol("TCP").endPort()
                .withReadinessProbe(probe(READINESS_PATH, 5))
                .withLivenessProbe(probe(LIVENESS_PATH, 30))
                .withResources(resources(function.getSpec().getResources()))
                .withSecurityContext(PodSecurity.container())
                .withVolumeMounts(PodSecurity.tmpMount())
                .build();
    }

    private static Probe probe(String path, int initialDelaySeconds) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(HTTP_PORT_NAME)).endHttpGet()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withPeriodSeconds(10)
                .build();
    }

    /** Requests for cpu and memory; a limit for memory only (a CPU limit throttles the JVM). */
    private static ResourceRequirements resources(ResourcesSpec spec) {
        if (spec == null || (spec.cpu() == null && spec.memory() == null)) {
            return null;
        }
        ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
        if (spec.cpu() != null) {
            builder.addToRequests("cpu", new Quantity(spec.cpu()));
        }
        if (spec.memory() != null) {
            builder.addToRequests("memory", new Quantity(spec.memory()));
            builder.addToLimits("memory", new Quantity(spec.memory()));
        }
        return builder.build();
    }
}
