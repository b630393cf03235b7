package dev.magnetar.api.validation;

import dev.magnetar.api.function.SchemaSettings;
import dev.magnetar.api.naming.TopicNames;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InputSpec;
import java.util.List;
import java.util.Map;

/**
 * The encoding fields of a definition: schema types Pulsar knows (or a class name), at most one of a schema type and
 * a serde class per topic, and input settings only for the function's inputs. Whether a named class is in the jar
 * and is a Schema or SerDe is checked where the jar is (the control plane's class check).
 */
final class SchemaRules {
    private static final String ALLOWED = String.join(", ", SchemaSettings.SCHEMA_TYPES);

    private SchemaRules() {
    }

    static void check(List<Violation> out, FunctionSpec spec) {
        if (spec.getInputSpecs() != null) {
            List<String> inputs = spec.getInputs() == null ? List.of() : spec.getInputs();
            for (Map.Entry<String, InputSpec> entry : spec.getInputSpecs().entrySet()) {
                String field = "spec.inputSpecs." + entry.getKey();
                String topic = entry.getKey();
                if (!inputs.contains(topic) && !topic.equals(spec.getTopicsPattern())) {
                    out.add(new Violation(field, "'" + topic + "' is not an input: add it to spec.inputs, or name"
                            + " an input topic as it is written there"));
                } else if (!topic.equals(spec.getTopicsPattern()) && TopicNames.problem(topic) != null) {
                    continue; // the input's own violation names it
                }
                InputSpec input = entry.getValue();
                if (input != null) {
                    checkPair(out, field + ".schemaType", input.schemaType(), field + ".serdeClassName",
                            input.serdeClassName());
                }
            }
        }
        checkPair(out, "spec.outputSchemaType", spec.getOutputSchemaType(), "spec.outputSerdeClassName",
                spec.getOutputSerdeClassName());
    }

    private static void checkPair(List<Violation> out, String schemaField, String schemaType, String serdeField,
                                  String serdeClassName) {
        boolean hasSchema = schemaType != null && !schemaType.isBlank();
        boolean hasSerde = serdeClassName != null && !serdeClassName.isBlank();
        if (hasSchema && hasSerde) {
            out.add(new Violation(serdeField, "is set together with " + schemaField + ": set only one of the two"
                    + " (a schema type or schema class, or a SerDe class)"));
        }
        if (hasSchema && !SchemaSettings.isSchemaType(schemaType) && !SchemaSettings.isClassName(schemaType.strip())) {
            out.add(new Violation(schemaField, "'" + schemaType + "' is neither a Pulsar schema type nor a class name:"
                    + " use one of " + ALLOWED + ", or the fully qualified name of a Schema class in the function's jar"));
        }
        if (hasSerde && !SchemaSettings.isClassName(serdeClassName.strip())) {
            out.add(new Violation(serdeField, "'" + serdeClassName + "' is not a class name: give the fully qualified"
                    + " name of a class in the function's jar that implements org.apache.pulsar.functions.api.SerDe"));
        }
    }
}
