package dev.magnetar.runtime.schema;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.SchemaSettings;
import dev.magnetar.runtime.loading.LoadedFunction;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.api.Schema;

/**
 * The schemas one replica reads and writes with.
 *
 * @param inputGroups    the input topics grouped by the schema each is read with; one group when they agree, or
 *                       when the inputs are a topics pattern
 * @param output         what results are written with; null when the function returns nothing ({@code Void})
 * @param byValueType    the function does not declare its result type: each result is written by its own class
 *                       (String as UTF-8, bytes as they are, others as JSON) under no registered schema
 * @param outputSchemaType what {@code Context.getOutputSchemaType} answers: the named schema type, else the chosen one
 * @param choice         how further schemas are picked (Context.publish), with the same lookups and class loader
 */
public record FunctionSchemas(List<InputGroup> inputGroups, Schema<?> output, boolean byValueType, String outputSchemaType,
                              SchemaChoice choice) {

    /**
     * What the inputs are read with: the first group's schema, every input's when they agree. A direct call
     * (HTTP /invoke) decodes its body with it.
     */
    public Schema<?> input() {
        return inputGroups.get(0).schema();
    }

    /** The input schema type, or with inputs that need different schemas each group's topics and type. */
    public String describeInputs() {
        if (inputGroups.size() == 1) {
            return SchemaChoice.typeOf(input()).name();
        }
        return inputGroups.stream().map(group -> group.topics() + " as " + SchemaChoice.typeOf(group.schema()))
                .collect(java.util.stream.Collectors.joining(", ", "", " (one consumer each)"));
    }

    /** By the function's types alone, nothing looked up: for a replica without Pulsar and for tests. */
    public static FunctionSchemas byType(LoadedFunction function) {
        ResolvedFunction none = null;
        return choose(function, none, new SchemaSettings(Map.of(), null, null, Map.of()), TopicSchemas.NONE);
    }

    /**
     * Picks the input and output schemas as Pulsar's function instance does (see {@link SchemaChoice}), in the
     * function's class loader.
     *
     * @throws SchemaChoiceException when no schema fits
     */
    public static FunctionSchemas choose(LoadedFunction function, ResolvedFunction resolved, SchemaSettings settings,
                                         TopicSchemas topics) {
        SchemaChoice choice = new SchemaChoice(topics, function.userCode().loader());
        try {
            return function.userCode().call(() -> pick(function, resolved, settings, choice));
        } catch (SchemaChoiceException e) {
            throw e;
        } catch (Exception e) {
            throw new SchemaChoiceException("cannot pick the schemas of " + function.className() + ": " + e, e);
        }
    }

    private static FunctionSchemas pick(LoadedFunction function, ResolvedFunction resolved, SchemaSettings settings,
                                        SchemaChoice choice) {
        Type inputType = function.inputType();
        List<InputGroup> inputGroups;
        if (resolved == null || resolved.inputs().isEmpty()) {
            String pattern = resolved == null ? null : resolved.topicsPattern();
            inputGroups = List.of(new InputGroup(List.of(), choice.forInput(inputType, null, settings.input(pattern))));
        } else {
            Map<String, Schema<?>> perTopic = new LinkedHashMap<>();
            for (String topic : resolved.inputs()) {
                perTopic.put(topic, choice.forInput(inputType, topic, settings.input(topic)));
            }
            inputGroups = InputGroup.bySchema(perTopic);
        }
        Type outputType = function.outputType();
        boolean byValueType = SchemaChoice.raw(outputType) == Object.class && settings.outputSchemaType() == null
                && settings.outputSerdeClassName() == null;
        Schema<?> output = byValueType ? Schema.BYTES : choice.forOutput(outputType,
                resolved == null ? null : resolved.output(), settings.outputSchemaType(),
                settings.outputSerdeClassName(), settings.outputSchemaProperties());
        String outputSchemaType = settings.outputSchemaType() != null ? settings.outputSchemaType()
                : output == null ? "" : SchemaChoice.typeOf(output).name();
        return new FunctionSchemas(inputGroups, output, byValueType, outputSchemaType, choice);
    }
}
