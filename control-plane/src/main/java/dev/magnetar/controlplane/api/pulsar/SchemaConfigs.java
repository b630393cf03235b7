package dev.magnetar.controlplane.api.pulsar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InputSpec;
import dev.magnetar.api.validation.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.common.functions.ConsumerConfig;
import org.apache.pulsar.common.functions.FunctionConfig;

/**
 * The schema and serde settings of Pulsar's {@link FunctionConfig} and Magnetar's spec, both ways. As Pulsar's worker
 * reads them: {@code customSerdeInputs}, then {@code customSchemaInputs} (a schema type, or a ConsumerConfig as JSON),
 * then {@code inputSpecs}, each later one replacing an earlier one's setting for a topic; {@code customSchemaOutputs}
 * gives the output topic's schema properties.
 */
final class SchemaConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaConfigs() {
    }

    /** Sets the spec's fields; what cannot be read is added to {@code out}, naming the field. */
    static void toSpec(FunctionConfig config, FunctionSpec spec, List<Violation> out) {
        Map<String, InputSpec> inputs = new LinkedHashMap<>();
        if (config.getCustomSerdeInputs() != null) {
            config.getCustomSerdeInputs().forEach((topic, serde) ->
                    inputs.put(topic, new InputSpec(null, serde, null)));
        }
        if (config.getCustomSchemaInputs() != null) {
            config.getCustomSchemaInputs().forEach((topic, value) ->
                    inputs.put(topic, customSchema("customSchemaInputs." + topic, value, out)));
        }
        if (config.getInputSpecs() != null) {
            config.getInputSpecs().forEach((topic, consumer) -> {
                if (consumer != null && (notBlank(consumer.getSchemaType()) || notBlank(consumer.getSerdeClassName())
                        || consumer.getSchemaProperties() != null && !consumer.getSchemaProperties().isEmpty())) {
                    inputs.put(topic, new InputSpec(consumer.getSchemaType(), consumer.getSerdeClassName(),
                            consumer.getSchemaProperties() == null || consumer.getSchemaProperties().isEmpty() ? null
                                    : new LinkedHashMap<>(consumer.getSchemaProperties())));
                }
            });
        }
        inputs.values().removeIf(input -> !notBlank(input.schemaType()) && !notBlank(input.serdeClassName())
                && input.schemaProperties() == null);
        spec.setInputSpecs(inputs.isEmpty() ? null : inputs);
        spec.setOutputSchemaType(notBlank(config.getOutputSchemaType()) ? config.getOutputSchemaType() : null);
        spec.setOutputSerdeClassName(notBlank(config.getOutputSerdeClassName())
                ? config.getOutputSerdeClassName() : null);
        if (config.getCustomSchemaOutputs() != null && config.getOutput() != null) {
            String value = config.getCustomSchemaOutputs().get(config.getOutput());
            if (value != null) {
                InputSpec output = customSchema("customSchemaOutputs." + config.getOutput(), value, out);
                spec.setOutputSchemaProperties(output.schemaProperties());
                if (spec.getOutputSchemaType() == null && notBlank(output.schemaType())) {
                    spec.setOutputSchemaType(output.schemaType());
                }
            }
        }
    }

    /** Sets the config's fields from the spec, with topics as the definition resolves them. */
    static void toConfig(FunctionSpec spec, ResolvedFunction resolved, FunctionConfig config) {
        if (spec.getInputSpecs() != null && !spec.getInputSpecs().isEmpty()) {
            Map<String, ConsumerConfig> inputs = new LinkedHashMap<>();
            spec.getInputSpecs().forEach((topic, input) -> {
                ConsumerConfig consumer = new ConsumerConfig();
                consumer.setSchemaType(input.schemaType());
                consumer.setSerdeClassName(input.serdeClassName());
                if (input.schemaProperties() != null) {
                    consumer.setSchemaProperties(new LinkedHashMap<>(input.schemaProperties()));
                }
                boolean pattern = topic.equals(spec.getTopicsPattern());
                consumer.setRegexPattern(pattern);
                inputs.put(pattern ? resolved.topicsPattern() : qualified(resolved, topic), consumer);
            });
            config.setInputSpecs(inputs);
        }
        config.setOutputSchemaType(spec.getOutputSchemaType());
        config.setOutputSerdeClassName(spec.getOutputSerdeClassName());
        if (spec.getOutputSchemaProperties() != null && resolved.output() != null) {
            try {
                config.setCustomSchemaOutputs(Map.of(resolved.output(), JSON.writeValueAsString(
                        Map.of("schemaProperties", spec.getOutputSchemaProperties()))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("schema properties are strings and always write as JSON", e);
            }
        }
    }

    private static String qualified(ResolvedFunction resolved, String topic) {
        return dev.magnetar.api.naming.TopicNames.qualifyIn(resolved.tenant(), resolved.namespace(), topic);
    }

    /** A schema type, or (newer Pulsar clients) a ConsumerConfig as JSON with its schema type and properties. */
    private static InputSpec customSchema(String field, String value, List<Violation> out) {
        if (value == null || !value.strip().startsWith("{")) {
            return new InputSpec(value, null, null);
        }
        try {
            JsonNode node = JSON.readTree(value);
            Map<String, String> properties = null;
            if (node.path("schemaProperties").isObject()) {
                properties = new LinkedHashMap<>();
                for (var entry : node.path("schemaProperties").properties()) {
                    properties.put(entry.getKey(), entry.getValue().asText());
                }
            }
            String schemaType = node.path("schemaType").isTextual() ? node.path("schemaType").asText() : null;
            return new InputSpec(schemaType, null, properties == null || properties.isEmpty() ? null : properties);
        } catch (JsonProcessingException e) {
            out.add(new Violation(field, "is not a schema type nor a JSON object (" + e.getOriginalMessage() + "): give"
                    + " e.g. AVRO or {\"schemaType\": \"AVRO\", \"schemaProperties\": {}}"));
            return new InputSpec(null, null, null);
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
