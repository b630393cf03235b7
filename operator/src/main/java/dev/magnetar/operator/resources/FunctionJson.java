package dev.magnetar.operator.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.magnetar.api.v1alpha1.Function;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The Function as the runtime reads it ({@code MAGNETAR_FUNCTION}): apiVersion, kind, name,
 * namespace and spec only. Server-managed metadata (resourceVersion, uid, managedFields) and status
 * are left out, and map entries are sorted, so the text changes only when the spec does and a
 * status write never rolls the replicas.
 */
public final class FunctionJson {
    private static final ObjectMapper MAPPER = Serialization.jsonMapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private FunctionJson() {
    }

    public static String of(Function function) {
        Function copy = new Function();
        copy.setMetadata(new ObjectMetaBuilder()
                .withName(function.getMetadata().getName())
                .withNamespace(function.getMetadata().getNamespace())
                .build());
        copy.setSpec(function.getSpec());
        copy.setStatus(null);
        try {
            return MAPPER.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Function " + function.getMetadata().getName() + " as JSON", e);
        }
    }
}
