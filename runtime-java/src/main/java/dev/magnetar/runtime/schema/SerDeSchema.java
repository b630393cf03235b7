package dev.magnetar.runtime.schema;

import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.functions.api.SerDe;

/** A Pulsar {@link SerDe} as a schema: its bytes go as they are, under no registered schema (BYTES), as in Pulsar. */
final class SerDeSchema<T> implements Schema<T> {
    private final SerDe<T> serDe;

    SerDeSchema(SerDe<T> serDe) {
        this.serDe = serDe;
    }

    @Override
    public byte[] encode(T message) {
        return serDe.serialize(message);
    }

    @Override
    public T decode(byte[] bytes) {
        return serDe.deserialize(bytes);
    }

    @Override
    public SchemaInfo getSchemaInfo() {
        return Schema.BYTES.getSchemaInfo();
    }

    @Override
    public Schema<T> clone() {
        return this;
    }

    @Override
    public String toString() {
        return "SerDe " + serDe.getClass().getName();
    }
}
