package dev.magnetar.api.validation;

import dev.magnetar.api.function.ScalingPolicy;
import dev.magnetar.api.v1alpha1.AutoscalingSpec;
import dev.magnetar.api.v1alpha1.Function;
import java.util.List;

/**
 * What autoscaling may ask for on Kubernetes beyond what {@link FunctionValidator} checks everywhere: Magnetar's own
 * autoscaler does not read the pods' CPU there, so a CPU target needs engine {@code keda}. The same rule is the
 * Function CRD's CEL rule on {@code spec.autoscaling} (the constants below), so {@code kubectl apply} is refused with
 * the admin API's words.
 */
public final class KubernetesAutoscalingRules {
    /** CEL rule of {@code spec.autoscaling}, on its CPU target. */
    public static final String CPU_NEEDS_KEDA_RULE = "!has(self.targetCpuUtilization)"
            + " || (has(self.engine) && self.engine == '" + ScalingPolicy.ENGINE_KEDA + "')";
    public static final String CPU_NEEDS_KEDA_MESSAGE = "is set, but on Kubernetes Magnetar's autoscaler does not read"
            + " the pods' CPU: scale on the backlog (targetBacklogPerReplica), or set spec.autoscaling.engine to keda,"
            + " whose CPU trigger applies it";
    static final String CPU_FIELD = "spec.autoscaling.targetCpuUtilization";

    private KubernetesAutoscalingRules() {
    }

    /** A violation naming {@code spec.autoscaling.targetCpuUtilization} when it is set without engine keda. */
    public static List<Violation> check(Function function) {
        AutoscalingSpec autoscaling = function.getSpec() == null ? null : function.getSpec().getAutoscaling();
        if (autoscaling == null || autoscaling.targetCpuUtilization() == null || ScalingPolicy.ENGINE_KEDA.equals(autoscaling.engine())) {
            return List.of();
        }
        return List.of(new Violation(CPU_FIELD, CPU_NEEDS_KEDA_MESSAGE));
    }
}
