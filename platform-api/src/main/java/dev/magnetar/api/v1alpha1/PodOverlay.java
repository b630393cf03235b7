package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * The part of the replica pod a user may shape. Deliberately narrow: no host namespaces,
 * no privileges, no volumes.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodOverlay(
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        Affinity affinity) {
}
