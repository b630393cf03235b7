package dev.magnetar.runtime.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magnetar.runtime.schema.SchemaLookupException;
import dev.magnetar.runtime.schema.TopicSchemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.schema.GenericRecord;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;
import org.apache.pulsar.shade.org.apache.avro.Schema.Field;

/**
 * Reads a direct call's JSON body as the {@link GenericRecord} a function with a generic input (GenericRecord or
 * GenericObject, read AUTO_CONSUME) gets from its input topic. A body carries no schema, so it is read with the
 * schema registered on the function's input topic, looked up on each call as producers may register or evolve it.
 * AVRO and JSON schemas both define their record in Avro's schema language, so Pulsar's generic JSON schema over
 * that definition reads the body: the function sees the topic's fields (as a JSON record, whichever the topic's
 * type). The body's top-level fields are checked against the definition first, so a body that does not fit is
 * refused naming the field rather than failing inside the function.
 */
public final class GenericRecordBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final TopicSchemas topics;

    /** {@code topic}: the function's input topic (null when its inputs are a pattern); {@code topics}: lookups. */
    public GenericRecordBody(String topic, TopicSchemas topics) {
        this.topic = topic;
        this.topics = topics;
    }

    /** The record and the schema it was read with. */
    public record Decoded(GenericRecord value, Schema<GenericRecord> schema) {
    }

    /**
     * @throws InputRejectedException when the topic has no record schema to read the body with, or the body does not
     *                                fit it
     * @throws SchemaLookupException  when the topic's schema cannot be looked up
     */
    public Decoded decode(byte[] body) {
        SchemaInfo registered = registeredRecordSchema();
        org.apache.pulsar.shade.org.apache.avro.Schema definition =
                new org.apache.pulsar.shade.org.apache.avro.Schema.Parser().parse(registered.getSchemaDefinition());
        check(parse(body, registered.getType()), definition, registered.getType());
        Schema<GenericRecord> schema = Schema.generic(SchemaInfo.builder().name(registered.getName())
                .type(SchemaType.JSON).schema(registered.getSchema()).properties(registered.getProperties()).build());
        return new Decoded(schema.decode(body), schema);
    }

    private SchemaInfo registeredRecordSchema() {
        if (topic == null) {
            throw new InputRejectedException("the function reads GenericRecord from a topics pattern, so no one input"
                    + " topic has the schema to read the body with: publish to one of its input topics instead", null);
        }
        Optional<SchemaInfo> registered = topics.of(topic);
        SchemaType type = registered.map(SchemaInfo::getType).orElse(SchemaType.NONE);
        if (type != SchemaType.AVRO && type != SchemaType.JSON) {
            throw new InputRejectedException("the function reads GenericRecord, and its input topic " + topic
                    + (type == SchemaType.NONE ? " has no schema" : " has a " + type + " schema, not a record")
                    + " to read the body with: register the records' AVRO or JSON schema on " + topic
                    + " (a producer with that schema does, or pulsar-admin schemas upload), then call again", null);
        }
        return registered.get();
    }

    private JsonNode parse(byte[] body, SchemaType type) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw rejected(type, "it is not JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw rejected(type, "it is not JSON (" + e.getMessage() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw rejected(type, "it is " + (node == null ? "empty" : "a JSON " + node.getNodeType().name()
                    .toLowerCase()) + ", not a JSON object", null);
        }
        return node;
    }

    /** Every field of the body is in the schema with a value of its kind, and every required field is there. */
    private void check(JsonNode body, org.apache.pulsar.shade.org.apache.avro.Schema definition, SchemaType type) {
        List<String> known = new ArrayList<>();
        definition.getFields().forEach(field -> known.add(field.name()));
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Field field = definition.getField(name);
            if (field == null) {
                throw rejected(type, "field '" + name + "' is not in it (its fields: " + String.join(", ", known) + ")",
                        null);
            }
            if (!fits(body.get(name), field.schema())) {
                throw rejected(type, "field '" + name + "' is " + body.get(name).getNodeType().name().toLowerCase()
                        + ", not " + field.schema(), null);
            }
        }
        for (Field field : definition.getFields()) {
            if (!body.has(field.name()) && !field.hasDefaultValue() && !fits(JSON.nullNode(), field.schema())) {
                throw rejected(type, "field '" + field.name() + "' is missing", null);
            }
        }
    }

    /** Whether a JSON value can stand for a value of the Avro type (a union: of one of its branches). */
    private static boolean fits(JsonNode value, org.apache.pulsar.shade.org.apache.avro.Schema type) {
        return switch (type.getType()) {
            case UNION -> type.getTypes().stream().anyMatch(branch -> fits(value, branch));
            case NULL -> value.isNull();
            case BOOLEAN -> value.isBoolean();
            case INT, LONG -> value.isIntegralNumber();
            case FLOAT, DOUBLE -> value.isNumber();
            case STRING, ENUM, BYTES, FIXED -> value.isTextual();
            case RECORD, MAP -> value.isObject();
            case ARRAY -> value.isArray();
        };
    }

    private InputRejectedException rejected(SchemaType type, String problem, Throwable cause) {
        return new InputRejectedException("the body does not fit the " + type + " schema of input topic " + topic + ": "
                + problem + "; send a JSON object with the record's fields", cause);
    }
}
