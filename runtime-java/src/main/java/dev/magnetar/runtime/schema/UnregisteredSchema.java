package dev.magnetar.runtime.schema;

import java.nio.ByteBuffer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaInfo;

/**
 * Reads a topic that has no schema registered but is in use (a producer of plain bytes is connected, or messages
 * wait in it) with the function's own schema. The broker refuses to register a schema on such a topic, so this
 * subscribes as a reader of bytes, which registers and checks nothing, and decodes each message with
 * {@code decoder} as a consumer with that schema would. Messages on a schema-less topic carry no schema version, so
 * versioned decoding is never needed.
 */
public final class UnregisteredSchema<T> implements Schema<T> {
    private final Schema<T> decoder;

    private UnregisteredSchema(Schema<T> decoder) {
        this.decoder = decoder;
    }

    /** {@code decoder} read over the wire as bytes. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Schema<Object> reading(Schema<?> decoder) {
        return new UnregisteredSchema<>((Schema) decoder);
    }

    /** The schema the values are decoded with. */
    public Schema<T> decoder() {
        return decoder;
    }

    @Override
    public byte[] encode(T message) {
        return decoder.encode(message);
    }

    @Override
    public T decode(byte[] bytes) {
        return decoder.decode(bytes);
    }

    @Override
    public T decode(byte[] bytes, byte[] schemaVersion) {
        return decoder.decode(bytes);
    }

    @Override
    public T decode(ByteBuffer data, byte[] schemaVersion) {
        return data == null ? null : decoder.decode(data);
    }

    /** BYTES: the client sends no schema for it, so the broker has nothing to register or check. */
    @Override
    public SchemaInfo getSchemaInfo() {
        return Schema.BYTES.getSchemaInfo();
    }

    @Override
    public Schema<T> clone() {
        return new UnregisteredSchema<>(decoder.clone());
    }

    @Override
    public String toString() {
        return decoder.getSchemaInfo() == null ? decoder.toString()
                : decoder.getSchemaInfo().getType() + " decoded from a topic without a schema";
    }
}
