package dev.magnetar.runtime.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.magnetar.runtime.schema.JacksonJsonSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.schema.Field;
import org.apache.pulsar.client.api.schema.GenericObject;
import org.apache.pulsar.client.api.schema.GenericRecord;
import org.apache.pulsar.common.schema.KeyValue;
import org.apache.pulsar.common.schema.SchemaType;

/**
 * How a result answers a waiting caller: text as UTF-8 text, bytes as they are, JSON as JSON; a structured value
 * whose schema writes something else (Avro, a primitive, a key/value pair, a generic record) as JSON too, which an
 * HTTP caller reads; protobuf and custom schemas in their schema's bytes.
 */
final class ReplyEncoding {
    record Body(byte[] bytes, String contentType) {
    }

    private ReplyEncoding() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Body encode(Object value, Schema<?> schema) {
        if (value == null) {
            return new Body(new byte[0], Payload.BINARY);
        }
        SchemaType type = schema.getSchemaInfo() == null ? SchemaType.BYTES : schema.getSchemaInfo().getType();
        return switch (type) {
            case STRING -> new Body(((Schema) schema).encode(value), Payload.TEXT);
            case JSON -> new Body(((Schema) schema).encode(value), Payload.JSON);
            case NONE, BYTES -> new Body(((Schema) schema).encode(value), Payload.BINARY);
            case PROTOBUF, PROTOBUF_NATIVE -> new Body(((Schema) schema).encode(value), Payload.PROTOBUF);
            default -> new Body(json(value), Payload.JSON);
        };
    }

    private static byte[] json(Object value) {
        try {
            return JacksonJsonSchema.MAPPER.writeValueAsBytes(plain(value));
        } catch (JsonProcessingException e) {
            throw new PayloadException("cannot write the result (" + value.getClass().getName() + ") as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Generic records and key/value pairs as maps, so JSON shows their fields rather than their internals. */
    private static Object plain(Object value) {
        if (value instanceof GenericRecord record && record.getSchemaType() != null
                && record.getSchemaType().isStruct()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Field field : record.getFields()) {
                fields.put(field.getName(), plain(record.getField(field)));
            }
            return fields;
        }
        if (value instanceof GenericObject object) {
            return plain(object.getNativeObject());
        }
        if (value instanceof KeyValue<?, ?> pair) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("key", plain(pair.getKey()));
            fields.put("value", plain(pair.getValue()));
            return fields;
        }
        if (value instanceof org.apache.pulsar.shade.org.apache.avro.generic.GenericRecord avro) {
            Map<String, Object> fields = new LinkedHashMap<>();
            avro.getSchema().getFields().forEach(field -> fields.put(field.name(), plain(avro.get(field.name()))));
            return fields;
        }
        if (value instanceof CharSequence text && !(value instanceof String)) {
            return text.toString(); // Avro's Utf8
        }
        return value;
    }
}
