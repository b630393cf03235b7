package dev.magnetar.runtime.schema;

import dev.magnetar.api.v1alpha1.InputSpec;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.schema.GenericObject;
import org.apache.pulsar.client.api.schema.GenericRecord;
import org.apache.pulsar.client.api.schema.SchemaDefinition;
import org.apache.pulsar.client.impl.schema.AutoConsumeSchema;
import org.apache.pulsar.client.impl.schema.AvroSchema;
import org.apache.pulsar.client.impl.schema.KeyValueSchemaInfo;
import org.apache.pulsar.client.impl.schema.ProtobufNativeSchema;
import org.apache.pulsar.client.impl.schema.ProtobufSchema;
import org.apache.pulsar.common.schema.KeyValue;
import org.apache.pulsar.common.schema.KeyValueEncodingType;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;

/**
 * Picks the Pulsar {@link Schema} a value of a Java type is read from or written to a topic with, by the rules of
 * Pulsar's function instance ({@code TopicSchema}, {@code PulsarSource}, {@code PulsarSink}):
 * <ol>
 *   <li>a serde class, or a schema type or schema class, named for the topic wins;</li>
 *   <li>otherwise {@code GenericObject}/{@code GenericRecord} reads whatever the topic holds (AUTO_CONSUME), and
 *       {@code byte[]}/{@code ByteBuffer} take the bytes as they are;</li>
 *   <li>otherwise the topic's registered schema type, when it has one;</li>
 *   <li>otherwise by the type: {@code String} STRING, a protobuf message PROTOBUF, {@code KeyValue} KEY_VALUE, any
 *       other type JSON.</li>
 * </ol>
 * Where Pulsar's instance has no schema for a type it picked (a primitive schema such as INT32 registered on the
 * topic, or named), the primitive schema is used when the Java type is its value type ({@code Integer} for INT32).
 * A schema class or serde class is loaded from the function's class loader. Not thread-safe memoization: callers
 * keep what they picked.
 */
public final class SchemaChoice {
    /** Pulsar's name for "no serde": the default, as if none were named. */
    static final String DEFAULT_SERDE = "org.apache.pulsar.functions.api.utils.DefaultSerDe";

    private final TopicSchemas topics;
    private final ClassLoader loader;

    public SchemaChoice(TopicSchemas topics, ClassLoader loader) {
        this.topics = topics;
        this.loader = loader;
    }

    /** Where the topics' registered schemas are looked up. */
    public TopicSchemas topics() {
        return topics;
    }

    /** The schema an input of {@code type} is read from {@code topic} with; {@code topic} null: a pattern, no lookup. */
    public Schema<?> forInput(Type type, String topic, InputSpec settings) {
        if (settings.serdeClassName() != null) {
            return custom(settings.serdeClassName(), raw(type), topic);
        }
        return named(type, topic, settings.schemaType(), settings.schemaProperties());
    }

    /** The schema the function's output is written with; null when the function returns nothing ({@code Void}). */
    public Schema<?> forOutput(Type type, String topic, String schemaType, String serdeClassName,
                               Map<String, String> properties) {
        Class<?> raw = raw(type);
        if (raw == Void.class || raw == void.class) {
            return null;
        }
        if (schemaType != null) {
            // A generic record is written with the schema it carries, whatever type was named (as Pulsar does).
            return GenericRecord.class.isAssignableFrom(raw) ? Schema.AUTO_CONSUME()
                    : named(type, topic, schemaType, properties);
        }
        return named(type, topic, serdeClassName, properties);
    }

    /** The schema of {@code Context.publish}: by the value's class, and the schema type or serde class given. */
    public Schema<?> forValue(Class<?> type, String topic, String schemaOrSerdeClassName) {
        return named(type, topic, schemaOrSerdeClassName, Map.of());
    }

    /** The schema type {@code type} gets on {@code topic} when nothing is named for it (Pulsar's default rules). */
    public SchemaType typeFor(Type type, String topic) {
        Class<?> raw = raw(type);
        if (GenericObject.class.isAssignableFrom(raw)) {
            return SchemaType.AUTO_CONSUME;
        }
        if (raw == byte[].class || raw == ByteBuffer.class) {
            return SchemaType.NONE;
        }
        Optional<SchemaInfo> registered = topic == null ? Optional.empty() : topics.of(topic);
        if (registered.isPresent() && registered.get().getType() != SchemaType.NONE) {
            return registered.get().getType();
        }
        return defaultType(raw);
    }

    SchemaType defaultType(Class<?> raw) {
        if (raw == byte[].class || raw == ByteBuffer.class) {
            return SchemaType.NONE;
        }
        if (GenericObject.class.isAssignableFrom(raw)) {
            return SchemaType.AUTO_CONSUME;
        }
        if (raw == String.class) {
            return SchemaType.STRING;
        }
        if (isProtobuf(raw)) {
            return SchemaType.PROTOBUF;
        }
        if (raw == KeyValue.class) {
            return SchemaType.KEY_VALUE;
        }
        return SchemaType.JSON;
    }

    private Schema<?> named(Type type, String topic, String setting, Map<String, String> properties) {
        if (setting == null || setting.isBlank() || DEFAULT_SERDE.equals(setting)) {
            return instance(type, typeFor(type, topic), properties, topic);
        }
        SchemaType schemaType = schemaType(setting);
        return schemaType != null ? instance(type, schemaType, properties, topic) : custom(setting, raw(type), topic);
    }

    private static SchemaType schemaType(String name) {
        try {
            return SchemaType.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Schema<?> instance(Type type, SchemaType schemaType, Map<String, String> properties, String topic) {
        Class<?> raw = raw(type);
        switch (schemaType) {
            case NONE, BYTES:
                if (raw == ByteBuffer.class) {
                    return Schema.BYTEBUFFER;
                }
                return raw == byte[].class || raw == Object.class ? Schema.BYTES
                        : instance(type, defaultType(raw), properties, topic);
            case AUTO_CONSUME, AUTO:
                require(raw.isAssignableFrom(GenericRecord.class), schemaType, raw, topic, "GenericRecord or GenericObject");
                return Schema.AUTO_CONSUME();
            case STRING:
                require(raw == String.class || raw == Object.class, schemaType, raw, topic, "String");
                return Schema.STRING;
            case AVRO:
                return AvroSchema.of(SchemaDefinition.builder().withProperties(new HashMap<>(properties))
                        .withPojo((Class) raw).build());
            case JSON:
                return JacksonJsonSchema.of(type, raw);
            case KEY_VALUE:
                return keyValue(type, topic);
            case PROTOBUF:
                require(isProtobuf(raw), schemaType, raw, topic, "a protobuf message class");
                return ProtobufSchema.ofGenericClass(raw, new HashMap<>());
            case PROTOBUF_NATIVE:
                require(isProtobuf(raw), schemaType, raw, topic, "a protobuf message class");
                return ProtobufNativeSchema.ofGenericClass(raw, new HashMap<>());
            case AUTO_PUBLISH:
                return Schema.AUTO_PRODUCE_BYTES();
            default:
                PrimitiveSchemas.Primitive primitive = PrimitiveSchemas.of(schemaType);
                if (primitive == null) {
                    throw new SchemaChoiceException("schema type " + schemaType + (topic == null ? "" : " of " + topic)
                            + " is not supported for functions: use a schema type such as STRING, JSON, AVRO,"
                            + " PROTOBUF, KEY_VALUE or a primitive type");
                }
                Class<?> boxed = PrimitiveSchemas.boxed(raw);
                require(boxed == primitive.type() || raw == Object.class, schemaType, raw, topic,
                        primitive.type().getName());
                return primitive.schema();
        }
    }

    /** KeyValue of the type's key and value types, encoded as the topic's key/value schema says (else inline). */
    private Schema<?> keyValue(Type type, String topic) {
        if (!(type instanceof ParameterizedType parameterized)) {
            return Schema.KV_BYTES();
        }
        Type keyType = parameterized.getActualTypeArguments()[0];
        Type valueType = parameterized.getActualTypeArguments()[1];
        Optional<SchemaInfo> registered = topic == null ? Optional.empty() : topics.of(topic);
        if (registered.isPresent() && registered.get().getType() == SchemaType.KEY_VALUE) {
            KeyValue<SchemaInfo, SchemaInfo> parts = KeyValueSchemaInfo.decodeKeyValueSchemaInfo(registered.get());
            KeyValueEncodingType encoding = KeyValueSchemaInfo.decodeKeyValueEncodingType(registered.get());
            return Schema.KeyValue(part(keyType, parts.getKey(), topic), part(valueType, parts.getValue(), topic),
                    encoding);
        }
        return Schema.KeyValue(part(keyType, null, topic), part(valueType, null, topic), KeyValueEncodingType.INLINE);
    }

    private Schema<?> part(Type type, SchemaInfo registered, String topic) {
        SchemaType partType = registered == null || registered.getType() == SchemaType.NONE
                ? defaultType(raw(type)) : registered.getType();
        if (raw(type) == byte[].class) {
            partType = SchemaType.BYTES;
        }
        return instance(type, partType, Map.of(), topic);
    }

    /** A Schema class or, failing that, a SerDe class of the function's jar, made with its no-argument constructor. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Schema<?> custom(String className, Class<?> raw, String topic) {
        Object instance;
        try {
            Class<?> type = Class.forName(className.strip(), true, loader);
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            instance = constructor.newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SchemaChoiceException("cannot create '" + className + "'" + (topic == null ? "" : " for " + topic)
                    + " (" + e + "): it must be a class of the function's jar with a constructor without arguments", e);
        }
        if (instance instanceof Schema<?> schema) {
            return schema;
        }
        if (instance instanceof org.apache.pulsar.functions.api.SerDe<?> serDe) {
            return new SerDeSchema(serDe);
        }
        throw new SchemaChoiceException("'" + className + "' is neither a " + Schema.class.getName() + " nor a "
                + org.apache.pulsar.functions.api.SerDe.class.getName() + ": implement one of the two");
    }

    private static void require(boolean fits, SchemaType schemaType, Class<?> raw, String topic, String needed) {
        if (!fits) {
            throw new SchemaChoiceException("schema " + schemaType + (topic == null ? "" : " of " + topic)
                    + " does not fit the function's type " + raw.getName() + ": it reads and writes " + needed
                    + "; change the function's type or the schema type");
        }
    }

    private boolean isProtobuf(Class<?> raw) {
        try {
            return Class.forName("com.google.protobuf.GeneratedMessageV3", false, loader).isAssignableFrom(raw);
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // without protobuf on the class path nothing is a protobuf message
        }
    }

    /** The type a schema stands for: AUTO_CONSUME for the generic one (whose info is each message's schema). */
    public static SchemaType typeOf(Schema<?> schema) {
        if (schema instanceof AutoConsumeSchema) {
            return SchemaType.AUTO_CONSUME;
        }
        SchemaInfo info = schema.getSchemaInfo();
        return info == null ? SchemaType.BYTES : info.getType();
    }

    /** The class of a type: the raw class of a parameterized one, Object for what reflection does not resolve. */
    public static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }
}
