package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.magnetar.api.validation.ReplicaPodRules;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * The part of the replica pod a user may shape. Deliberately narrow: no host namespaces, no privileges, no
 * volumes, no service account; the CRD's structural schema prunes any such field, and a document naming one
 * is refused. Labels and annotations that would pass a replica off as the platform's, or loosen its
 * confinement, are refused by {@link ReplicaPodRules}, here as CEL rules too.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
// On the type, not the components: a component's annotation lands on its accessor too, and would be written twice.
@ValidationRule(value = ReplicaPodRules.LABELS_RULE, fieldPath = ".labels", message = ReplicaPodRules.LABELS_MESSAGE)
@ValidationRule(value = ReplicaPodRules.ANNOTATIONS_RULE, fieldPath = ".annotations",
        message = ReplicaPodRules.ANNOTATIONS_MESSAGE)
public record PodOverlay(
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        Affinity affinity) {
}
