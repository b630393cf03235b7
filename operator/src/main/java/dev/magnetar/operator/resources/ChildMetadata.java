package dev.magnetar.operator.resources;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Name, labels and owner of every object made for a function: one place, shared by all builders. */
public final class ChildMetadata {
    /** Value of {@link FunctionNames#LABEL_MANAGED_BY} on everything the controller makes. */
    public static final String MANAGER = FunctionNames.MANAGER;

    private ChildMetadata() {
    }

    /** Metadata of a child: workload name, the function's namespace, selector labels, owned by the Function. */
    public static ObjectMeta of(Function function, ResolvedFunction resolved) {
        return named(FunctionNames.workloadName(resolved.name()), function, resolved);
    }

    /** Metadata of a child that is not named after the workload: the function's namespace, labels and owner. */
    public static ObjectMeta named(String name, Function function, ResolvedFunction resolved) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(function.getMetadata().getNamespace())
                .withLabels(labels(resolved))
                .withOwnerReferences(owner(function))
                .build();
    }

    /** Selector labels plus the managed-by label, sorted so that serialised objects are stable. */
    public static Map<String, String> labels(ResolvedFunction resolved) {
        Map<String, String> labels = new TreeMap<>(selector(resolved));
        labels.put(FunctionNames.LABEL_MANAGED_BY, MANAGER);
        return labels;
    }

    public static Map<String, String> selector(ResolvedFunction resolved) {
        return new TreeMap<>(FunctionNames.selectorLabels(resolved.tenant(), resolved.namespace(), resolved.name()));
    }

    /** The selector as a label-selector string, for {@code status.selector} and the scale subresource. */
    public static String selectorString(ResolvedFunction resolved) {
        return selector(resolved).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Controller owner reference: deleting the Function garbage-collects the child. */
    public static OwnerReference owner(Function function) {
        return new OwnerReferenceBuilder()
                .withApiVersion(Function.API_VERSION)
                .withKind(function.getKind() == null ? "Function" : function.getKind())
                .withName(function.getMetadata().getName())
                .withUid(function.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
