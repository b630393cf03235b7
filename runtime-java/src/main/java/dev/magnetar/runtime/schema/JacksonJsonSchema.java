package dev.magnetar.runtime.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Type;
import org.apache.pulsar.client.api.SchemaSerializationException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.schema.SchemaDefinition;
import org.apache.pulsar.client.impl.schema.JSONSchema;
import org.apache.pulsar.common.schema.SchemaInfo;

/**
 * Pulsar's JSON schema for a type: the same registered schema (the Avro definition Pulsar derives from the class), with
 * the values written and read by Jackson as the function's jar sees it: its Jackson annotations count, generic types
 * ({@code List<Order>}) are read as such, and fields the type does not know are ignored, as inputs evolve.
 */
public final class JacksonJsonSchema<T> implements Schema<T> {
    /** The runtime's JSON mapper: unknown fields ignored, Java time and other modules on the class path registered. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndRegisterModules();

    private final JavaType type;
    private final SchemaInfo info;

    private JacksonJsonSchema(JavaType type, SchemaInfo info) {
        this.type = type;
        this.info = info;
    }

    static <T> JacksonJsonSchema<T> of(Type type, Class<?> raw) {
        return new JacksonJsonSchema<>(MAPPER.constructType(type), info(raw));
    }

    /**
     * Pulsar's definition of the class; for a class Avro cannot describe (a raw collection, an interface) an empty
     * record, which any later definition is compatible with, so the topic still says it holds JSON.
     */
    @SuppressWarnings("unchecked")
    private static SchemaInfo info(Class<?> raw) {
        try {
            return JSONSchema.of(SchemaDefinition.builder().withPojo((Class<Object>) raw).build()).getSchemaInfo();
        } catch (RuntimeException e) {
            return JSONSchema.of(SchemaDefinition.builder().withPojo(Object.class).build()).getSchemaInfo();
        }
    }

    @Override
    public byte[] encode(T message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new SchemaSerializationException("cannot write " + message.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage());
        }
    }

    @Override
    public T decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new SchemaSerializationException("the input is not JSON for " + type.toCanonical() + ": "
                    + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage()));
        }
    }

    @Override
    public SchemaInfo getSchemaInfo() {
        return info;
    }

    @Override
    public Schema<T> clone() {
        return this;
    }

    @Override
    public String toString() {
        return "JSON " + type.toCanonical();
    }
}
