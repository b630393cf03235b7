package dev.magnetar.runtime.schema;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.SchemaSettings;
import dev.magnetar.runtime.loading.LoadedFunction;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pulsar.client.api.Schema;

/**
 * The schemas one replica reads and writes with.
 *
 * @param input          what the input topics are read with (one schema for all of them)
 * @param output         what results are written with; null when the function returns nothing ({@code Void})
 * @param byValueType    the function does not declare its result type: each result is written by its own class
 *                       (String as UTF-8, bytes as they are, others as JSON) under no registered schema
 * @param outputSchemaType what {@code Context.getOutputSchemaType} answers: the named schema type, else the chosen one
 * @param choice         how further schemas are picked (Context.publish), with the same lookups and class loader
 */
public record FunctionSchemas(Schema<?> input, Schema<?> output, boolean byValueType, String outputSchemaType,
                              SchemaChoice choice) {

    /** By the function's types alone, nothing looked up: for a replica without Pulsar and for tests. */
    public static FunctionSchemas byType(LoadedFunction function) {
        ResolvedFunction none = null;
        return choose(function, none, new SchemaSettings(Map.of(), null, null, Map.of()), TopicSchemas.NONE);
    }

    /**
     * Picks the input and output schemas as Pulsar's function instance does (see {@link SchemaChoice}), in the
     * function's class loader.
     *
     * @throws SchemaChoiceException when no schema fits, or the inputs would need different schemas
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
        Schema<?> input;
        if (resolved == null || resolved.inputs().isEmpty()) {
            String pattern = resolved == null ? null : resolved.topicsPattern();
            input = choice.forInput(inputType, null, settings.input(pattern));
        } else {
            Map<String, Schema<?>> perTopic = new LinkedHashMap<>();
            for (String topic : resolved.inputs()) {
                perTopic.put(topic, choice.forInput(inputType, topic, settings.input(topic)));
            }
            input = sameForAll(perTopic);
        }
        Type outputType = function.outputType();
        boolean byValueType = SchemaChoice.raw(outputType) == Object.class && settings.outputSchemaType() == null
                && settings.outputSerdeClassName() == null;
        Schema<?> output = byValueType ? Schema.BYTES : choice.forOutput(outputType,
                resolved == null ? null : resolved.output(), settings.outputSchemaType(),
                settings.outputSerdeClassName(), settings.outputSchemaProperties());
        String outputSchemaType = settings.outputSchemaType() != null ? settings.outputSchemaType()
                : output == null ? "" : SchemaChoice.typeOf(output).name();
        return new FunctionSchemas(input, output, byValueType, outputSchemaType, choice);
    }

    /** One consumer reads every input: their schemas must agree. */
    private static Schema<?> sameForAll(Map<String, Schema<?>> perTopic) {
        Schema<?> first = perTopic.values().iterator().next();
        boolean same = perTopic.values().stream().allMatch(schema -> schema == first
                || SchemaChoice.typeOf(schema) == SchemaChoice.typeOf(first)
                && java.util.Objects.equals(schema.getSchemaInfo(), first.getSchemaInfo()));
        if (!same) {
            throw new SchemaChoiceException("the input topics need different schemas ("
                    + perTopic.entrySet().stream().map(e -> e.getKey() + ": " + SchemaChoice.typeOf(e.getValue()))
                    .collect(Collectors.joining(", "))
                    + ") but one replica reads them with one: give them the same schema type in spec.inputSpecs, or"
                    + " split the function");
        }
        return first;
    }
}
