package dev.magnetar.runtime.schema;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaType;

/** Pulsar's built-in schemas of one value each, and the Java type each reads and writes. */
final class PrimitiveSchemas {
    record Primitive(Schema<?> schema, Class<?> type) {
    }

    private static final Map<SchemaType, Primitive> BY_TYPE = new EnumMap<>(SchemaType.class);

    static {
        put(SchemaType.BOOLEAN, Schema.BOOL, Boolean.class);
        put(SchemaType.INT8, Schema.INT8, Byte.class);
        put(SchemaType.INT16, Schema.INT16, Short.class);
        put(SchemaType.INT32, Schema.INT32, Integer.class);
        put(SchemaType.INT64, Schema.INT64, Long.class);
        put(SchemaType.FLOAT, Schema.FLOAT, Float.class);
        put(SchemaType.DOUBLE, Schema.DOUBLE, Double.class);
        put(SchemaType.DATE, Schema.DATE, Date.class);
        put(SchemaType.TIME, Schema.TIME, Time.class);
        put(SchemaType.TIMESTAMP, Schema.TIMESTAMP, Timestamp.class);
        put(SchemaType.INSTANT, Schema.INSTANT, Instant.class);
        put(SchemaType.LOCAL_DATE, Schema.LOCAL_DATE, LocalDate.class);
        put(SchemaType.LOCAL_TIME, Schema.LOCAL_TIME, LocalTime.class);
        put(SchemaType.LOCAL_DATE_TIME, Schema.LOCAL_DATE_TIME, LocalDateTime.class);
    }

    private PrimitiveSchemas() {
    }

    private static void put(SchemaType type, Schema<?> schema, Class<?> javaType) {
        BY_TYPE.put(type, new Primitive(schema, javaType));
    }

    /** The primitive schema of {@code type}, or null when it is not one of them. */
    static Primitive of(SchemaType type) {
        return BY_TYPE.get(type);
    }

    /** The boxed form of a primitive class; other classes as they are. */
    static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "boolean" -> Boolean.class;
            case "byte" -> Byte.class;
            case "short" -> Short.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "float" -> Float.class;
            case "double" -> Double.class;
            default -> type;
        };
    }
}
