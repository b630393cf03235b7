package dev.magnetar.api.replicas;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Replicas stopped one by one ({@code .../{instanceId}/stop}) are kept in an annotation of the stored
 * definition, so they stay stopped when the control plane restarts, until they are started again
 * alone or with the whole function. Ids at or above the replica count are ignored.
 */
public final class StoppedInstances {
    public static final String ANNOTATION = FunctionNames.ANNOTATION_STOPPED_INSTANCES;

    private StoppedInstances() {
    }

    /** The stopped instance ids below the definition's replica count. */
    public static Set<Integer> of(Function function) {
        String value = annotations(function).get(ANNOTATION);
        Set<Integer> ids = new TreeSet<>();
        if (value == null) {
            return ids;
        }
        int replicas = ResolvedFunction.of(function).replicas();
        for (String part : value.split(",")) {
            try {
                int id = Integer.parseInt(part.trim());
                if (id >= 0 && id < replicas) {
                    ids.add(id);
                }
            } catch (NumberFormatException e) {
                // A hand-edited value: an id that is not a number stops nothing.
            }
        }
        return ids;
    }

    /** Records whether {@code instanceId} is stopped; true when that changed the definition. */
    public static boolean set(Function function, int instanceId, boolean stopped) {
        Set<Integer> ids = of(function);
        boolean changed = stopped ? ids.add(instanceId) : ids.remove(instanceId);
        write(function, ids);
        return changed;
    }

    /** Forgets every stopped instance; true when there was one. */
    public static boolean clear(Function function) {
        boolean had = !of(function).isEmpty();
        write(function, Set.of());
        return had;
    }

    /** Keeps the instances stopped in {@code previous} stopped in its replacement {@code next}. */
    public static void carryOver(Function previous, Function next) {
        if (next.getMetadata() != null) {
            write(next, of(previous).stream().filter(id -> id < ResolvedFunction.of(next).replicas())
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    private static void write(Function function, Set<Integer> ids) {
        Map<String, String> annotations = new HashMap<>(annotations(function));
        if (ids.isEmpty()) {
            annotations.remove(ANNOTATION);
        } else {
            annotations.put(ANNOTATION, ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
        }
        function.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
    }

    private static Map<String, String> annotations(Function function) {
        return Optional.ofNullable(function.getMetadata()).map(m -> m.getAnnotations()).orElse(Map.of());
    }
}
