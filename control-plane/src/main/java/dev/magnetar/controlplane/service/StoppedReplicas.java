package dev.magnetar.controlplane.service;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A stopped function keeps its definition with {@code spec.replicas = 0}; the replica count it had
 * is remembered in an annotation, so {@code start} brings back as many replicas as before.
 */
public final class StoppedReplicas {
    public static final String ANNOTATION = FunctionNames.ANNOTATION_STOPPED_REPLICAS;

    private StoppedReplicas() {
    }

    /** The replica count before the function was stopped; empty when it is not stopped. */
    public static Optional<Integer> remembered(Function function) {
        Map<String, String> annotations = function.getMetadata() == null ? null : function.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(ANNOTATION);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Math.max(0, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.of(ResolvedFunction.DEFAULT_REPLICAS);
        }
    }

    /** Scales to zero and remembers the current count; a stopped function is left as it is. */
    static void stop(Function function) {
        if (remembered(function).isPresent()) {
            return;
        }
        int replicas = ResolvedFunction.of(function).replicas();
        Map<String, String> annotations = new HashMap<>(Optional.ofNullable(function.getMetadata().getAnnotations())
                .orElse(Map.of()));
        annotations.put(ANNOTATION, Integer.toString(replicas));
        function.getMetadata().setAnnotations(annotations);
        function.getSpec().setReplicas(0);
    }

    /** Brings back the remembered count and forgets it; true when the function was stopped. */
    static boolean start(Function function) {
        Optional<Integer> replicas = remembered(function);
        if (replicas.isEmpty()) {
            return false;
        }
        Map<String, String> annotations = new HashMap<>(function.getMetadata().getAnnotations());
        annotations.remove(ANNOTATION);
        function.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
        function.getSpec().setReplicas(replicas.get());
        return true;
    }
}
