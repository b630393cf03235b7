package dev.magnetar.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pulsar.shade.org.apache.avro.LogicalType;
import org.apache.pulsar.shade.org.apache.avro.Schema;
import org.apache.pulsar.shade.org.apache.avro.generic.GenericData;
import org.apache.pulsar.shade.org.apache.avro.generic.GenericDatumWriter;
import org.apache.pulsar.shade.org.apache.avro.io.BinaryEncoder;
import org.apache.pulsar.shade.org.apache.avro.io.EncoderFactory;

/**
 * A JSON value read against an Avro schema, field by field, into Avro's generic data, then written in Avro's binary
 * encoding as Pulsar's AVRO schema writes it. Plain JSON, not Avro's JSON encoding: a union's value is written as
 * it is ({@code "age": 41}, not {@code "age": {"int": 41}}), bytes as base64, dates and timestamps as ISO-8601
 * strings or numbers. A field the schema does not have, a missing field without a default, or a value of the wrong
 * type is a {@link Mismatch} naming the field.
 */
final class AvroJson {
    private final Schema schema;
    private final GenericDatumWriter<Object> writer;

    AvroJson(Schema schema) {
        this.schema = schema;
        this.writer = new GenericDatumWriter<>(schema);
    }

    Schema schema() {
        return schema;
    }

    /** {@code node} in Avro's binary encoding; {@code path} names where it sits in the body ("" for all of it). */
    byte[] encode(JsonNode node, String path) {
        Object datum = read(schema, node, path);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new Mismatch(path, "cannot be written with the Avro schema: " + e.getMessage());
        }
        return out.toByteArray();
    }

    static Object read(Schema schema, JsonNode node, String path) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case RECORD:
                return record(schema, node, path);
            case ENUM: {
                String symbol = JsonValues.text(node, path, "one of " + schema.getEnumSymbols());
                if (!schema.getEnumSymbols().contains(symbol)) {
                    throw JsonValues.expected(path, "one of " + schema.getEnumSymbols(), node);
                }
                return new GenericData.EnumSymbol(schema, symbol);
            }
            case ARRAY: {
                if (!node.isArray()) {
                    throw JsonValues.expected(path, "an array", node);
                }
                List<Object> items = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    items.add(read(schema.getElementType(), node.get(i), path + "[" + i + "]"));
                }
                return new GenericData.Array<>(schema, items);
            }
            case MAP: {
                if (!node.isObject()) {
                    throw JsonValues.expected(path, "an object (a map)", node);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(entry.getKey(), read(schema.getValueType(), entry.getValue(), child(path, entry.getKey())));
                }
                return map;
            }
            case UNION:
                return union(schema, node, path);
            case FIXED: {
                byte[] bytes = JsonValues.base64(node, path);
                if (bytes.length != schema.getFixedSize()) {
                    throw new Mismatch(path, "expected " + schema.getFixedSize() + " bytes (base64), got "
                            + bytes.length);
                }
                return new GenericData.Fixed(schema, bytes);
            }
            case STRING:
                return JsonValues.text(node, path, "string");
            case BYTES:
                return ByteBuffer.wrap(JsonValues.base64(node, path));
            case INT:
                if (logical != null && "date".equals(logical.getName()) && node.isTextual()) {
                    return (int) JsonValues.iso(node, path, "date", "2024-05-01", LocalDate::parse).toEpochDay();
                }
                if (logical != null && "time-millis".equals(logical.getName()) && node.isTextual()) {
                    return (int) (JsonValues.iso(node, path, "time", "10:15:30", LocalTime::parse).toNanoOfDay()
                            / 1_000_000);
                }
                return (int) JsonValues.integral(node, path, "int", Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG:
                if (logical != null && node.isTextual()) {
                    Long value = logicalLong(logical.getName(), node, path);
                    if (value != null) {
                        return value;
                    }
                }
                return JsonValues.integral(node, path, "long", Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT:
                return (float) JsonValues.number(node, path, "float");
            case DOUBLE:
                return JsonValues.number(node, path, "double");
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw JsonValues.expected(path, "boolean (true or false)", node);
                }
                return node.booleanValue();
            case NULL:
                if (!node.isNull()) {
                    throw JsonValues.expected(path, "null", node);
                }
                return null;
            default:
                throw new Mismatch(path, "the schema's type " + schema.getType() + " cannot be read from JSON");
        }
    }

    private static Long logicalLong(String logical, JsonNode node, String path) {
        return switch (logical) {
            case "timestamp-millis" -> JsonValues.iso(node, path, "timestamp", "2024-05-01T10:15:30Z",
                    Instant::parse).toEpochMilli();
            case "timestamp-micros" -> ChronoUnit.MICROS.between(Instant.EPOCH,
                    JsonValues.iso(node, path, "timestamp", "2024-05-01T10:15:30Z", Instant::parse));
            case "local-timestamp-millis" -> JsonValues.iso(node, path, "local date-time", "2024-05-01T10:15:30",
                    LocalDateTime::parse).toInstant(ZoneOffset.UTC).toEpochMilli();
            case "local-timestamp-micros" -> ChronoUnit.MICROS.between(Instant.EPOCH, JsonValues.iso(node, path,
                    "local date-time", "2024-05-01T10:15:30", LocalDateTime::parse).toInstant(ZoneOffset.UTC));
            case "time-micros" -> JsonValues.iso(node, path, "time", "10:15:30", LocalTime::parse).toNanoOfDay()
                    / 1_000;
            default -> null;
        };
    }

    private static GenericData.Record record(Schema schema, JsonNode node, String path) {
        if (!node.isObject()) {
            throw JsonValues.expected(path, "an object (record " + schema.getName() + ")", node);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new Mismatch(child(path, name), "not a field of record " + schema.getName() + " (its fields: "
                        + schema.getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", "))
                        + ")");
            }
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = node.get(field.name());
            String fieldPath = child(path, field.name());
            if (value != null) {
                record.put(field.pos(), read(field.schema(), value, fieldPath));
            } else if (field.hasDefaultValue()) {
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else if (nullable(field.schema())) {
                record.put(field.pos(), null);
            } else {
                throw new Mismatch(fieldPath, "missing, expected " + typeName(field.schema()));
            }
        }
        return record;
    }

    private static Object union(Schema schema, JsonNode node, String path) {
        List<Schema> branches = schema.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
        if (node.isNull()) {
            if (nullable(schema)) {
                return null;
            }
            throw JsonValues.expected(path, typeName(schema), node);
        }
        if (branches.size() == 1) {
            return read(branches.get(0), node, path);
        }
        for (Schema branch : branches) {
            try {
                return read(branch, node, path);
            } catch (Mismatch notThisOne) {
                // the next branch may fit
            }
        }
        throw JsonValues.expected(path, typeName(schema), node);
    }

    private static boolean nullable(Schema schema) {
        return schema.getType() == Schema.Type.NULL || schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
    }

    static String typeName(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> "record " + schema.getName();
            case ENUM -> "one of " + schema.getEnumSymbols();
            case ARRAY -> "an array";
            case MAP -> "an object (a map)";
            case UNION -> schema.getTypes().stream().map(AvroJson::typeName).collect(Collectors.joining(" or "));
            case FIXED -> schema.getFixedSize() + " bytes (base64)";
            case BYTES -> "bytes (base64)";
            default -> schema.getLogicalType() != null ? schema.getLogicalType().getName()
                    : schema.getType().getName();
        };
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
