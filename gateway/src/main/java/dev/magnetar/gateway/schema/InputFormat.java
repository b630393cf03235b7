package dev.magnetar.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Date;
import java.util.Iterator;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SchemaSerializationException;
import org.apache.pulsar.common.schema.KeyValueEncodingType;
import org.apache.pulsar.client.impl.schema.KeyValueSchemaInfo;
import org.apache.pulsar.common.schema.KeyValue;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;

/**
 * How a request body becomes a message of a function's input topic, given the schema registered on it.
 *
 * <ul>
 *   <li>No schema, BYTES, STRING (and AUTO kinds): {@link #RAW}, the body as it is, with no work per call.</li>
 *   <li>Primitive schemas (BOOLEAN, INT8..DOUBLE, DATE, TIME, TIMESTAMP, INSTANT, LOCAL_DATE, LOCAL_TIME,
 *   LOCAL_DATE_TIME): a JSON value ({@code 41}, {@code true}, {@code "2024-05-01"}) written as Pulsar's schema
 *   writes it.</li>
 *   <li>JSON: the body must be JSON (an object when the schema is a record), and goes as it is.</li>
 *   <li>AVRO: a JSON object read against the topic's Avro schema and written in Avro's binary encoding.</li>
 *   <li>KEY_VALUE (inline encoding): {@code {"key": ..., "value": ...}}, each part converted by its own schema.</li>
 *   <li>PROTOBUF, PROTOBUF_NATIVE: the message's bytes, sent as {@code application/x-protobuf}; JSON is refused
 *   with 415.</li>
 * </ul>
 *
 * A body sent as {@code application/octet-stream} is taken to be the schema's own binary encoding already and goes
 * as it is (a primitive's length is checked). Anything else is read as JSON, whatever its content type says.
 */
public final class InputFormat {
    /** Bytes as they came: what a topic without a schema, or with BYTES or STRING, takes. */
    public static final InputFormat RAW = new InputFormat(null, null, null, null);
    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String PROTOBUF = "application/x-protobuf";

    private final SchemaInfo schema;
    private final Part part;
    private final Schema<?> binary;
    private final SchemaInfo writer;

    private InputFormat(SchemaInfo schema, Part part, Schema<?> binary, SchemaInfo writer) {
        this.schema = schema;
        this.part = part;
        this.binary = binary;
        this.writer = writer;
    }

    /** A JSON value becoming the bytes of one schema'd value (the whole body, or one side of a key/value pair). */
    @FunctionalInterface
    private interface Part {
        byte[] encode(JsonNode node, String path);
    }

    /** The format for a topic whose registered schema is {@code schema} (null: none). */
    public static InputFormat of(SchemaInfo schema) {
        if (schema == null) {
            return RAW;
        }
        return switch (schema.getType()) {
            case PROTOBUF, PROTOBUF_NATIVE -> new InputFormat(schema, null, null, null);
            case KEY_VALUE -> new InputFormat(schema, keyValue(schema), null, null);
            // Avro's binary encoding is read with the writer's schema: the message must name its version.
            case AVRO -> new InputFormat(schema, part(schema), Schema.getSchema(schema), schema);
            default -> {
                Part part = part(schema);
                yield part == null ? RAW : new InputFormat(schema, part, primitive(schema.getType()), null);
            }
        };
    }

    /**
     * The format a function's spec names for its request topic ({@code inputSpecs.<topic>.schemaType}), used while
     * the topic has no schema registered yet (the first replica registers it when it subscribes; a function scaled
     * to zero may have none running): primitive types, JSON and protobuf are known by their name alone. The
     * registered schema wins when there is one.
     */
    public static InputFormat orNamed(InputFormat registered, String namedType) {
        if (namedType == null || !registered.raw()) {
            return registered;
        }
        return NAMED.getOrDefault(namedType, RAW);
    }

    private static final java.util.Map<String, InputFormat> NAMED = named();

    private static java.util.Map<String, InputFormat> named() {
        java.util.Map<String, InputFormat> named = new java.util.HashMap<>();
        for (SchemaType type : SchemaType.values()) {
            Schema<?> primitive = primitive(type);
            if (primitive != null) {
                named.put(type.name(), of(primitive.getSchemaInfo()));
            }
        }
        for (SchemaType type : new SchemaType[] {SchemaType.JSON, SchemaType.PROTOBUF, SchemaType.PROTOBUF_NATIVE}) {
            named.put(type.name(), of(SchemaInfo.builder().name(type.name()).type(type).schema(new byte[0]).build()));
        }
        return java.util.Map.copyOf(named);
    }

    /** True when bodies go as they came: the calls of functions without a schema'd input do no extra work. */
    public boolean raw() {
        return schema == null;
    }

    /**
     * The registered schema bodies are written with, when a reader needs its version to decode them (Avro, whose
     * binary encoding is read with the writer's schema): the request then carries that version, as a message of a
     * Pulsar producer with the schema does. Null when a message needs no version.
     */
    public SchemaInfo writer() {
        return writer;
    }

    /** The registered schema's type, or null for {@link #RAW}. */
    public SchemaType type() {
        return schema == null ? null : schema.getType();
    }

    /**
     * The message for {@code body}, sent with the request's {@code contentType} (null when it had none).
     *
     * @throws BodyRejectedException when the body does not fit: nothing must be published
     */
    public byte[] convert(byte[] body, String contentType, String topic) {
        if (schema == null) {
            return body;
        }
        SchemaType type = schema.getType();
        String media = mediaType(contentType);
        if (type == SchemaType.PROTOBUF || type == SchemaType.PROTOBUF_NATIVE) {
            if (PROTOBUF.equals(media) || OCTET_STREAM.equals(media)) {
                return body;
            }
            throw new BodyRejectedException(BodyRejectedException.UNSUPPORTED_MEDIA_TYPE, "input topic " + topic
                    + " has a " + type + " schema (" + schema.getName() + "): send the message's protobuf bytes with"
                    + " Content-Type: " + PROTOBUF + ", not " + (media == null ? "a body without a content type"
                    : media));
        }
        if (OCTET_STREAM.equals(media)) {
            checkBinary(body, topic);
            return body;
        }
        try {
            JsonNode node = JsonValues.parse(body);
            if (type == SchemaType.JSON) {
                part.encode(node, "");
                return body;
            }
            return part.encode(node, "");
        } catch (Mismatch e) {
            throw new BodyRejectedException(BodyRejectedException.BAD_REQUEST, "the body does not fit the " + type
                    + " schema of input topic " + topic + ": " + e.getMessage() + "; send " + expected()
                    + ", or the schema's binary encoding as " + OCTET_STREAM);
        } catch (BodyRejectedException e) {
            throw new BodyRejectedException(e.status(), "input topic " + topic + ": " + e.getMessage());
        }
    }

    private void checkBinary(byte[] body, String topic) {
        if (binary == null) {
            return;
        }
        try {
            binary.validate(body);
        } catch (SchemaSerializationException | IllegalArgumentException e) {
            throw new BodyRejectedException(BodyRejectedException.BAD_REQUEST, "the " + OCTET_STREAM + " body of "
                    + body.length + " bytes is not a " + schema.getType() + " value for input topic " + topic + ": "
                    + e.getMessage() + "; send the value as JSON instead (e.g. Content-Type: application/json)");
        }
    }

    /** What the body should be, in the words of the error: "an int", "record Person"... */
    private String expected() {
        return switch (schema.getType()) {
            case JSON -> "a JSON document";
            case AVRO -> "a JSON object with the record's fields";
            case KEY_VALUE -> "a JSON object {\"key\": ..., \"value\": ...}";
            default -> "the " + schema.getType() + " value as JSON";
        };
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase();
    }

    /** The converter of one schema'd value; null for what goes as it is (no schema, BYTES, STRING, AUTO...). */
    private static Part part(SchemaInfo schema) {
        return switch (schema.getType()) {
            case BOOLEAN -> (node, path) -> {
                if (!node.isBoolean()) {
                    throw JsonValues.expected(path, "boolean (true or false)", node);
                }
                return Schema.BOOL.encode(node.booleanValue());
            };
            case INT8 -> (node, path) -> Schema.INT8.encode(
                    (byte) JsonValues.integral(node, path, "INT8", Byte.MIN_VALUE, Byte.MAX_VALUE));
            case INT16 -> (node, path) -> Schema.INT16.encode(
                    (short) JsonValues.integral(node, path, "INT16", Short.MIN_VALUE, Short.MAX_VALUE));
            case INT32 -> (node, path) -> Schema.INT32.encode(
                    (int) JsonValues.integral(node, path, "INT32", Integer.MIN_VALUE, Integer.MAX_VALUE));
            case INT64 -> (node, path) -> Schema.INT64.encode(
                    JsonValues.integral(node, path, "INT64", Long.MIN_VALUE, Long.MAX_VALUE));
            case FLOAT -> (node, path) -> Schema.FLOAT.encode((float) JsonValues.number(node, path, "FLOAT"));
            case DOUBLE -> (node, path) -> Schema.DOUBLE.encode(JsonValues.number(node, path, "DOUBLE"));
            case DATE -> (node, path) -> Schema.DATE.encode(new Date(JsonValues.epochMillis(node, path, "DATE")));
            case TIMESTAMP -> (node, path) -> Schema.TIMESTAMP.encode(
                    new Timestamp(JsonValues.epochMillis(node, path, "TIMESTAMP")));
            case INSTANT -> (node, path) -> Schema.INSTANT.encode(node.isTextual()
                    ? JsonValues.iso(node, path, "INSTANT", "2024-05-01T10:15:30.123456Z", Instant::parse)
                    : Instant.ofEpochMilli(JsonValues.epochMillis(node, path, "INSTANT")));
            case TIME -> (node, path) -> Schema.TIME.encode(new Time(node.isTextual()
                    ? JsonValues.iso(node, path, "TIME", "10:15:30", LocalTime::parse).toNanoOfDay() / 1_000_000
                    : JsonValues.integral(node, path, "TIME (milliseconds)", 0, Long.MAX_VALUE)));
            case LOCAL_DATE -> (node, path) -> Schema.LOCAL_DATE.encode(
                    JsonValues.iso(node, path, "LOCAL_DATE", "2024-05-01", LocalDate::parse));
            case LOCAL_TIME -> (node, path) -> Schema.LOCAL_TIME.encode(
                    JsonValues.iso(node, path, "LOCAL_TIME", "10:15:30", LocalTime::parse));
            case LOCAL_DATE_TIME -> (node, path) -> Schema.LOCAL_DATE_TIME.encode(
                    JsonValues.iso(node, path, "LOCAL_DATE_TIME", "2024-05-01T10:15:30", LocalDateTime::parse));
            case JSON -> json(schema);
            case AVRO -> avro(schema);
            default -> null;
        };
    }

    private static Schema<?> primitive(SchemaType type) {
        return switch (type) {
            case BOOLEAN -> Schema.BOOL;
            case INT8 -> Schema.INT8;
            case INT16 -> Schema.INT16;
            case INT32 -> Schema.INT32;
            case INT64 -> Schema.INT64;
            case FLOAT -> Schema.FLOAT;
            case DOUBLE -> Schema.DOUBLE;
            case DATE -> Schema.DATE;
            case TIME -> Schema.TIME;
            case TIMESTAMP -> Schema.TIMESTAMP;
            case INSTANT -> Schema.INSTANT;
            case LOCAL_DATE -> Schema.LOCAL_DATE;
            case LOCAL_TIME -> Schema.LOCAL_TIME;
            case LOCAL_DATE_TIME -> Schema.LOCAL_DATE_TIME;
            default -> null;
        };
    }

    /** JSON goes as it is; only its shape is checked: an object where the schema is a record. */
    private static Part json(SchemaInfo schema) {
        boolean record = avroSchema(schema).map(s -> s.getType()
                == org.apache.pulsar.shade.org.apache.avro.Schema.Type.RECORD).orElse(false);
        return (node, path) -> {
            if (record && !node.isObject() && !node.isNull()) {
                throw JsonValues.expected(path, "a JSON object", node);
            }
            return node.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    private static Part avro(SchemaInfo schema) {
        org.apache.pulsar.shade.org.apache.avro.Schema definition = avroSchema(schema).orElseThrow(() ->
                new IllegalArgumentException("the AVRO schema " + schema.getName() + " has no Avro definition"));
        AvroJson avro = new AvroJson(definition);
        return avro::encode;
    }

    private static java.util.Optional<org.apache.pulsar.shade.org.apache.avro.Schema> avroSchema(SchemaInfo schema) {
        if (schema.getSchema() == null || schema.getSchema().length == 0) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new org.apache.pulsar.shade.org.apache.avro.Schema.Parser()
                    .setValidateDefaults(false)
                    .parse(new String(schema.getSchema(), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** {@code {"key": ..., "value": ...}}, each part by its schema, in Pulsar's inline key/value encoding. */
    private static Part keyValue(SchemaInfo schema) {
        KeyValue<SchemaInfo, SchemaInfo> parts = KeyValueSchemaInfo.decodeKeyValueSchemaInfo(schema);
        KeyValueEncodingType encoding = KeyValueSchemaInfo.decodeKeyValueEncodingType(schema);
        Part key = nested(parts.getKey(), "key");
        Part value = nested(parts.getValue(), "value");
        return (node, path) -> {
            if (encoding == KeyValueEncodingType.SEPARATED) {
                throw new BodyRejectedException(BodyRejectedException.UNSUPPORTED_MEDIA_TYPE, "its KEY_VALUE"
                        + " schema keeps the key in the message key (SEPARATED encoding), which an HTTP call"
                        + " cannot set: publish to the topic with a Pulsar producer, or use the INLINE encoding");
            }
            if (!node.isObject()) {
                throw JsonValues.expected(path, "an object {\"key\": ..., \"value\": ...}", node);
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("key") && !name.equals("value")) {
                    throw new Mismatch(name, "not a part of a key/value pair (its parts: key, value)");
                }
            }
            byte[] keyBytes = encodePart(key, node.get("key"), "key");
            byte[] valueBytes = encodePart(value, node.get("value"), "value");
            ByteBuffer buffer = ByteBuffer.allocate(8 + length(keyBytes) + length(valueBytes));
            put(buffer, keyBytes);
            put(buffer, valueBytes);
            return buffer.array();
        };
    }

    private static byte[] encodePart(Part part, JsonNode node, String path) {
        return node == null || node.isNull() ? null : part.encode(node, path);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void put(ByteBuffer buffer, byte[] bytes) {
        if (bytes == null) {
            buffer.putInt(-1);
        } else {
            buffer.putInt(bytes.length).put(bytes);
        }
    }

    /** One side of a key/value pair: as a whole body would be, STRING as text and BYTES as base64. */
    private static Part nested(SchemaInfo schema, String side) {
        return switch (schema.getType()) {
            case STRING -> (node, path) -> JsonValues.text(node, path, "string").getBytes(StandardCharsets.UTF_8);
            case BYTES, NONE -> JsonValues::base64;
            case PROTOBUF, PROTOBUF_NATIVE, KEY_VALUE -> (node, path) -> {
                throw new BodyRejectedException(BodyRejectedException.UNSUPPORTED_MEDIA_TYPE, "the " + side
                        + " of the input topic's KEY_VALUE schema is " + schema.getType() + ", which cannot be"
                        + " written from JSON: send the pair's binary encoding as " + OCTET_STREAM);
            };
            default -> {
                Part part = part(schema);
                if (part == null) {
                    yield (node, path) -> {
                        throw new BodyRejectedException(BodyRejectedException.UNSUPPORTED_MEDIA_TYPE, "the " + side
                                + " of the input topic's KEY_VALUE schema is " + schema.getType() + ", which cannot"
                                + " be written from JSON: send the pair's binary encoding as " + OCTET_STREAM);
                    };
                }
                yield part;
            }
        };
    }
}
