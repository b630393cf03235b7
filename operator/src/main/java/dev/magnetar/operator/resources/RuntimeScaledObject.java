package dev.magnetar.operator.resources;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.resources.keda.KedaSettings;
import dev.magnetar.operator.resources.keda.ScaledObject;
import dev.magnetar.operator.resources.keda.ScaledObjectSpec;
import dev.magnetar.operator.resources.keda.ScaledObjectSpec.AuthenticationRef;
import dev.magnetar.operator.resources.keda.ScaledObjectSpec.Trigger;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The KEDA ScaledObject of a function with {@code autoscaling.engine: keda}: KEDA's Pulsar scaler on the function's
 * subscription of each named input, scaling its Deployment.
 *
 * <ul>
 *   <li>{@code msgBacklogThreshold}: {@code targetBacklogPerReplica} (backlog per replica);
 *       {@code activationMsgBacklogThreshold} 0, so a single message wakes a function at zero.</li>
 *   <li>{@code minReplicaCount}/{@code maxReplicaCount}: the bounds, 0 included; {@code cooldownPeriod}:
 *       {@code scaleToZeroAfterSeconds}.</li>
 *   <li>The stabilization windows become the behavior of the HorizontalPodAutoscaler KEDA makes.</li>
 *   <li>{@code targetCpuUtilization} adds KEDA's {@code cpu} trigger. {@code targetInFlightPerReplica} has no KEDA
 *       counterpart and is not used.</li>
 * </ul>
 *
 * Wanted only for engine keda and a function with a named persistent input: KEDA's scaler reads one named topic per
 * trigger, so the topics of a {@code topicsPattern} are not observed.
 */
public final class RuntimeScaledObject implements Dependent<ScaledObject> {
    public static final String PULSAR_TRIGGER = "pulsar";

    private final KedaSettings settings;

    public RuntimeScaledObject(KedaSettings settings) {
        this.settings = settings;
    }

    @Override
    public Class<ScaledObject> type() {
        return ScaledObject.class;
    }

    /** True when the function asks KEDA to scale it. */
    public static boolean wanted(Function function) {
        return ScalingPolicy.of(function).map(policy -> policy.engine() == ScalingPolicy.Engine.KEDA).orElse(false);
    }

    /** The inputs KEDA's Pulsar scaler can observe: the named persistent ones. */
    public static List<String> observedTopics(ResolvedFunction resolved) {
        return resolved.inputs().stream().filter(topic -> !topic.startsWith("non-persistent://")).toList();
    }

    @Override
    public Optional<ScaledObject> desired(Function function) {
        Optional<ScalingPolicy> policy = ScalingPolicy.of(function);
        ResolvedFunction resolved = ResolvedFunction.of(function);
        if (!wanted(function) || observedTopics(resolved).isEmpty()) {
            return Optional.empty();
        }
        ScalingPolicy scaling = policy.get();
        ScaledObject object = new ScaledObject();
        object.setMetadata(ChildMetadata.of(function, resolved));
        object.setSpec(new ScaledObjectSpec(
                new ScaledObjectSpec.ScaleTargetRef("apps/v1", "Deployment", object.getMetadata().getName()),
                seconds(scaling.scaleToZeroAfter()),
                scaling.minReplicas(),
                scaling.maxReplicas(),
                new ScaledObjectSpec.Advanced(new ScaledObjectSpec.HorizontalPodAutoscalerConfig(behavior(scaling))),
                triggers(resolved, scaling)));
        return Optional.of(object);
    }

    /**
     * KEDA adds its finalizer and a label to the objects it scales: an update of the spec keeps them, or KEDA would
     * lose track of what it made.
     */
    @Override
    public void carryOver(ScaledObject observed, ScaledObject desired) {
        desired.getMetadata().setFinalizers(observed.getMetadata().getFinalizers());
        if (observed.getMetadata().getLabels() != null) {
            Map<String, String> labels = new TreeMap<>(observed.getMetadata().getLabels());
            labels.putAll(desired.getMetadata().getLabels());
            desired.getMetadata().setLabels(labels);
        }
    }

    private List<Trigger> triggers(ResolvedFunction resolved, ScalingPolicy scaling) {
        List<Trigger> triggers = new ArrayList<>();
        AuthenticationRef auth = settings.authenticationRef() == null ? null
                : new AuthenticationRef(settings.authenticationRef(), settings.authenticationKind());
        for (String topic : observedTopics(resolved)) {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("adminURL", settings.pulsarAdminUrl());
            metadata.put("topic", topic);
            metadata.put("subscription", resolved.subscriptionName());
            metadata.put("msgBacklogThreshold", Long.toString(scaling.targetBacklogPerReplica()));
            metadata.put("activationMsgBacklogThreshold", "0");
            if (settings.authModes() != null) {
                metadata.put("authModes", settings.authModes());
            }
            triggers.add(new Trigger(PULSAR_TRIGGER, null, metadata, auth));
        }
        if (scaling.targetCpuUtilization() != null) {
            triggers.add(new Trigger("cpu", "Utilization", Map.of("value", scaling.targetCpuUtilization().toString()),
                    null));
        }
        return triggers;
    }

    private static HorizontalPodAutoscalerBehavior behavior(ScalingPolicy scaling) {
        return new HorizontalPodAutoscalerBehaviorBuilder()
                .withNewScaleUp().withStabilizationWindowSeconds(seconds(scaling.scaleUpStabilization())).endScaleUp()
                .withNewScaleDown().withStabilizationWindowSeconds(seconds(scaling.scaleDownStabilization())).endScaleDown()
                .build();
    }

    private static int seconds(Duration duration) {
        return Math.toIntExact(duration.toSeconds());
    }
}
