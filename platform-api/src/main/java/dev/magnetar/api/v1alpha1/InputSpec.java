package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * How one input topic is read, as Pulsar's {@code inputSpecs} (its {@code ConsumerConfig}) says it: a schema type
 * (a Pulsar schema type such as {@code AVRO}, or a class implementing Pulsar's {@code Schema} in the function's jar),
 * or a serde class implementing Pulsar's {@code SerDe}; at most one of the two. Neither: the schema follows the
 * function's input type and the topic's registered schema, as in Pulsar Functions.
 *
 * @param schemaType       a Pulsar schema type or a schema class name, or null
 * @param serdeClassName   a SerDe class in the function's jar, or null
 * @param schemaProperties properties of the schema (e.g. Avro's), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputSpec(String schemaType, String serdeClassName, Map<String, String> schemaProperties) {
}
