package dev.magnetar.api.function;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.naming.TopicNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InputSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a function's topics are encoded, as its definition says: per input topic (fully qualified) a schema type or
 * serde class, and the output's. Blank values count as unset. What is not said follows the function's types and the
 * topics' registered schemas, as Pulsar Functions choose (the runtime's {@code SchemaChoice}).
 *
 * @param inputs                 per fully qualified input topic (or the topics pattern)
 * @param outputSchemaType       a schema type or schema class name, or null
 * @param outputSerdeClassName   a SerDe class name, or null
 * @param outputSchemaProperties the output schema's properties, never null
 */
public record SchemaSettings(Map<String, InputSpec> inputs, String outputSchemaType, String outputSerdeClassName,
                             Map<String, String> outputSchemaProperties) {
    /** What a topic without settings gets. */
    public static final InputSpec DEFAULT_INPUT = new InputSpec(null, null, Map.of());

    /** The Pulsar schema types a definition may name, as Pulsar spells them (case does not matter). */
    public static final List<String> SCHEMA_TYPES = List.of("NONE", "BYTES", "STRING", "BOOLEAN", "INT8", "INT16",
            "INT32", "INT64", "FLOAT", "DOUBLE", "DATE", "TIME", "TIMESTAMP", "INSTANT", "LOCAL_DATE", "LOCAL_TIME",
            "LOCAL_DATE_TIME", "JSON", "AVRO", "PROTOBUF", "PROTOBUF_NATIVE", "KEY_VALUE", "AUTO_CONSUME", "AUTO");

    private static final Pattern JAVA_CLASS =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+");

    public static SchemaSettings of(Function function) {
        FunctionSpec spec = function.getSpec();
        String tenant = Optional.ofNullable(spec.getTenant()).orElse(FunctionNames.DEFAULT_TENANT);
        String namespace = Optional.ofNullable(spec.getNamespace()).orElse(FunctionNames.DEFAULT_NAMESPACE);
        Map<String, InputSpec> inputs = new LinkedHashMap<>();
        if (spec.getInputSpecs() != null) {
            spec.getInputSpecs().forEach((topic, input) -> inputs.put(TopicNames.qualifyIn(tenant, namespace, topic),
                    input == null ? DEFAULT_INPUT : new InputSpec(blankToNull(input.schemaType()),
                            blankToNull(input.serdeClassName()),
                            input.schemaProperties() == null ? Map.of() : Map.copyOf(input.schemaProperties()))));
        }
        return new SchemaSettings(Map.copyOf(inputs), blankToNull(spec.getOutputSchemaType()),
                blankToNull(spec.getOutputSerdeClassName()),
                spec.getOutputSchemaProperties() == null ? Map.of() : Map.copyOf(spec.getOutputSchemaProperties()));
    }

    /**
     * The schema and serde classes {@code spec} names, by the field that names each (for a check that they are in
     * the function's jar and are a Schema or SerDe), in field order.
     */
    public static Map<String, String> classNames(FunctionSpec spec) {
        Map<String, String> classes = new LinkedHashMap<>();
        if (spec.getInputSpecs() != null) {
            spec.getInputSpecs().forEach((topic, input) -> {
                if (input != null) {
                    addClass(classes, "spec.inputSpecs." + topic + ".schemaType", input.schemaType());
                    addClass(classes, "spec.inputSpecs." + topic + ".serdeClassName", input.serdeClassName());
                }
            });
        }
        addClass(classes, "spec.outputSchemaType", spec.getOutputSchemaType());
        addClass(classes, "spec.outputSerdeClassName", spec.getOutputSerdeClassName());
        return classes;
    }

    private static void addClass(Map<String, String> classes, String field, String value) {
        String name = blankToNull(value);
        if (isClassName(name)) {
            classes.put(field, name);
        }
    }

    /** The settings of one fully qualified input topic; {@link #DEFAULT_INPUT} when it has none. */
    public InputSpec input(String topic) {
        return topic == null ? DEFAULT_INPUT : inputs.getOrDefault(topic, DEFAULT_INPUT);
    }

    /** True when {@code value} names one of {@link #SCHEMA_TYPES}. */
    public static boolean isSchemaType(String value) {
        return value != null && SCHEMA_TYPES.contains(value.toUpperCase(Locale.ROOT));
    }

    /** True when {@code value} is a qualified Java class name (a schema or serde class), not a schema type. */
    public static boolean isClassName(String value) {
        return value != null && !isSchemaType(value) && JAVA_CLASS.matcher(value).matches();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
