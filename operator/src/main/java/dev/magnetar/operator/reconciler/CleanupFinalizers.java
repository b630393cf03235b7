package dev.magnetar.operator.reconciler;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.Function;
import java.util.ArrayList;
import java.util.List;

/**
 * The finalizers that make what lives outside Kubernetes go with a Function, whichever way it is
 * deleted (the admin API deletes the resource too):
 * <ul>
 *   <li>{@value #SUBSCRIPTION}, exactly while {@code spec.cleanupSubscription} is true;</li>
 *   <li>{@value #PACKAGE}, once {@code spec.runtime.jar} names the function's own package topic
 *       ({@link PulsarPackage#topicOf}). It then stays until deletion: the topic outlives a switch
 *       to another jar (the previous rollout's pods may still fetch from it), and nothing else
 *       would delete it. A jar in another function's package topic adds nothing: that topic is
 *       not this function's to delete.</li>
 * </ul>
 */
public final class CleanupFinalizers {
    public static final String SUBSCRIPTION = FunctionNames.FINALIZER_CLEANUP_SUBSCRIPTION;
    public static final String PACKAGE = FunctionNames.FINALIZER_CLEANUP_PACKAGE;

    private CleanupFinalizers() {
    }

    /**
     * {@code present} with Magnetar's cleanup finalizers brought in line with the function's spec;
     * others kept. The spec must be valid.
     */
    public static List<String> sync(List<String> present, Function function) {
        List<String> finalizers = new ArrayList<>(present == null ? List.of() : present);
        if (Boolean.TRUE.equals(function.getSpec().getCleanupSubscription())) {
            addIfAbsent(finalizers, SUBSCRIPTION);
        } else {
            finalizers.remove(SUBSCRIPTION);
        }
        if (ownsPackage(function)) {
            addIfAbsent(finalizers, PACKAGE);
        }
        return finalizers;
    }

    /** Whether deletion has something of Magnetar's to clean up before the resource may go. */
    static boolean pending(Function function) {
        List<String> finalizers = function.getMetadata().getFinalizers();
        return finalizers != null && (finalizers.contains(SUBSCRIPTION) || finalizers.contains(PACKAGE));
    }

    static boolean has(Function function, String finalizer) {
        List<String> finalizers = function.getMetadata().getFinalizers();
        return finalizers != null && finalizers.contains(finalizer);
    }

    /** The package topic Magnetar names for this function, where the admin API publishes its jars. */
    static String packageTopic(Function function) {
        ResolvedFunction resolved = ResolvedFunction.of(function);
        return PulsarPackage.topicOf(resolved.tenant(), resolved.namespace(), resolved.name());
    }

    private static boolean ownsPackage(Function function) {
        String jar = function.getSpec().getRuntime() == null ? null : function.getSpec().getRuntime().jar();
        if (!PulsarPackage.isPackage(jar)) {
            return false;
        }
        try {
            return PulsarPackage.parse(jar).topic().equals(packageTopic(function));
        } catch (IllegalArgumentException e) {
            return false; // validation reports the malformed location
        }
    }

    private static void addIfAbsent(List<String> finalizers, String finalizer) {
        if (!finalizers.contains(finalizer)) {
            finalizers.add(finalizer);
        }
    }
}
