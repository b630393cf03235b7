package dev.magnetar.cli.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InputSpec;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * pulsar-admin's schema and serde flags of {@code functions create|update}: per input topic a schema type or serde
 * class, and the output's. Topics named here become inputs too, as pulsar-admin adds them.
 */
public final class SchemaFlags {
    @Option(names = "--schema-type", paramLabel = "TYPE",
            description = "The output's schema type (e.g. AVRO, JSON, STRING, INT32, PROTOBUF)"
                    + " or a Schema class in the jar")
    String schemaType;

    @Option(names = "--output-serde-classname", paramLabel = "CLASS",
            description = "A SerDe class in the jar that writes the output")
    String outputSerdeClassName;

    @Option(names = "--custom-serde-inputs", paramLabel = "JSON",
            description = "Per input topic a SerDe class in the jar,"
                    + " e.g. '{\"in\": \"org.example.OrderSerDe\"}'")
    String customSerdeInputs;

    @Option(names = "--custom-schema-inputs", paramLabel = "JSON",
            description = "Per input topic a schema type or Schema class, e.g. '{\"in\": \"AVRO\"}'")
    String customSchemaInputs;

    @Option(names = "--custom-schema-outputs", paramLabel = "JSON",
            description = "For the output topic its schema's properties, e.g."
                    + " '{\"out\": \"{\\\"schemaProperties\\\": {}}\"}'")
    String customSchemaOutputs;

    @Option(names = "--input-specs", paramLabel = "JSON",
            description = "Per input topic {\"schemaType\", \"serdeClassName\", \"schemaProperties\","
                    + " \"regexPattern\"}, as pulsar-admin's --input-specs")
    String inputSpecs;

    void applyTo(FunctionSpec spec) {
        Map<String, InputSpec> inputs = spec.getInputSpecs() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(spec.getInputSpecs());
        List<String> topics = new ArrayList<>();
        if (customSerdeInputs != null) {
            stringMap("--custom-serde-inputs", customSerdeInputs).forEach((topic, serde) -> {
                inputs.put(topic, new InputSpec(null, serde, null));
                topics.add(topic);
            });
        }
        if (customSchemaInputs != null) {
            stringMap("--custom-schema-inputs", customSchemaInputs).forEach((topic, value) -> {
                inputs.put(topic, schemaOf("--custom-schema-inputs", value));
                topics.add(topic);
            });
        }
        if (inputSpecs != null) {
            readInputSpecs(spec, inputs, topics);
        }
        if (!inputs.isEmpty()) {
            spec.setInputSpecs(inputs);
        }
        addInputs(spec, topics);
        if (schemaType != null) {
            spec.setOutputSchemaType(schemaType);
        }
        if (outputSerdeClassName != null) {
            spec.setOutputSerdeClassName(outputSerdeClassName);
        }
        if (customSchemaOutputs != null) {
            Map<String, String> outputs = stringMap("--custom-schema-outputs", customSchemaOutputs);
            String output = spec.getOutput();
            if (output == null || !outputs.containsKey(output)) {
                throw usage("--custom-schema-outputs names " + outputs.keySet() + " but the output topic is "
                        + (output == null ? "not set" : "'" + output + "'") + ": key it by the --output topic");
            }
            InputSpec settings = schemaOf("--custom-schema-outputs", outputs.get(output));
            spec.setOutputSchemaProperties(settings.schemaProperties());
            if (spec.getOutputSchemaType() == null && settings.schemaType() != null) {
                spec.setOutputSchemaType(settings.schemaType());
            }
        }
    }

    private void readInputSpecs(FunctionSpec spec, Map<String, InputSpec> inputs, List<String> topics) {
        JsonNode tree;
        try {
            tree = FunctionDocuments.json().readTree(inputSpecs);
        } catch (JsonProcessingException e) {
            throw usage("invalid --input-specs '" + inputSpecs + "': not JSON (" + e.getOriginalMessage() + ");"
                    + " example: --input-specs '{\"in\": {\"schemaType\": \"AVRO\"}}'");
        }
        if (tree == null || !tree.isObject()) {
            throw usage("invalid --input-specs '" + inputSpecs + "': expected a JSON object keyed by input topic");
        }
        for (var entry : tree.properties()) {
            JsonNode conf = entry.getValue();
            InputSpec input = new InputSpec(text(conf, "schemaType"), text(conf, "serdeClassName"),
                    properties(conf.path("schemaProperties")));
            inputs.put(entry.getKey(), input);
            if (conf.path("regexPattern").asBoolean(false) || conf.path("isRegexPattern").asBoolean(false)) {
                spec.setTopicsPattern(entry.getKey());
            } else {
                topics.add(entry.getKey());
            }
        }
    }

    private static void addInputs(FunctionSpec spec, List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        List<String> inputs = spec.getInputs() == null ? new ArrayList<>() : new ArrayList<>(spec.getInputs());
        topics.stream().filter(topic -> !inputs.contains(topic)).forEach(inputs::add);
        spec.setInputs(List.copyOf(inputs));
    }

    /** A schema type, or a ConsumerConfig as JSON text with its schema type and properties. */
    private static InputSpec schemaOf(String flag, String value) {
        if (value == null || !value.strip().startsWith("{")) {
            return new InputSpec(value, null, null);
        }
        try {
            JsonNode conf = FunctionDocuments.json().readTree(value);
            return new InputSpec(text(conf, "schemaType"), null, properties(conf.path("schemaProperties")));
        } catch (JsonProcessingException e) {
            throw usage("invalid " + flag + " value '" + value + "': neither a schema type nor a JSON object ("
                    + e.getOriginalMessage() + ")");
        }
    }

    private static String text(JsonNode conf, String field) {
        JsonNode value = conf.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static Map<String, String> properties(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        node.properties().forEach(entry -> properties.put(entry.getKey(), entry.getValue().asText()));
        return properties;
    }

    private static Map<String, String> stringMap(String flag, String json) {
        try {
            Map<String, String> map = FunctionDocuments.json().readValue(json, new TypeReference<>() { });
            if (map == null) {
                throw usage("invalid " + flag + " '" + json + "': expected a JSON object keyed by topic");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw usage("invalid " + flag + " '" + json + "': not a JSON object of strings (" + e.getOriginalMessage()
                    + "); example: " + flag + " '{\"in\": \"AVRO\"}'");
        }
    }

    private static CliException usage(String message) {
        return new CliException(message, CliException.USAGE, null);
    }
}
