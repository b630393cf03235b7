package dev.magnetar.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.function.SchemaSettings;
import dev.magnetar.api.v1alpha1.InputSpec;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.schema.GenericObject;
import org.apache.pulsar.client.api.schema.GenericRecord;
import org.apache.pulsar.client.api.schema.KeyValueSchema;
import org.apache.pulsar.client.impl.schema.AutoConsumeSchema;
import org.apache.pulsar.common.schema.KeyValue;
import org.apache.pulsar.common.schema.KeyValueEncodingType;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;
import org.apache.pulsar.functions.api.SerDe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SchemaChoiceTest {
    private static final String TOPIC = "persistent://public/default/in";

    public static class Order {
        public String id;
        public int quantity;
    }

    public static final class UpperSerDe implements SerDe<String> {
        @Override
        public String deserialize(byte[] input) {
            return new String(input, StandardCharsets.UTF_8).toUpperCase();
        }

        @Override
        public byte[] serialize(String input) {
            return input.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A topic that has {@code registered} as its schema. */
    private static SchemaChoice on(Schema<?> registered) {
        return new SchemaChoice(topic -> Optional.ofNullable(registered).map(Schema::getSchemaInfo),
                SchemaChoiceTest.class.getClassLoader());
    }

    /** {@code KeyValue<String, Integer>}, as a function declares it. */
    private static Type keyValueOfStringAndInteger() {
        record Holder(KeyValue<String, Integer> field) {
        }
        return Holder.class.getRecordComponents()[0].getGenericType();
    }

    /** Function input type, the topic's registered schema (null: none) → the schema type Pulsar's instance reads with. */
    static Stream<Arguments> defaults() {
        return Stream.of(
                Arguments.of(byte[].class, null, SchemaType.BYTES),
                Arguments.of(byte[].class, Schema.STRING, SchemaType.BYTES),
                Arguments.of(ByteBuffer.class, null, SchemaType.BYTES),
                Arguments.of(String.class, null, SchemaType.STRING),
                Arguments.of(String.class, Schema.BYTES, SchemaType.STRING),
                Arguments.of(Order.class, null, SchemaType.JSON),
                Arguments.of(Order.class, Schema.AVRO(Order.class), SchemaType.AVRO),
                Arguments.of(Order.class, Schema.JSON(Order.class), SchemaType.JSON),
                Arguments.of(Integer.class, null, SchemaType.JSON),
                Arguments.of(Integer.class, Schema.INT32, SchemaType.INT32),
                Arguments.of(Long.class, Schema.INT64, SchemaType.INT64),
                Arguments.of(Double.class, Schema.DOUBLE, SchemaType.DOUBLE),
                Arguments.of(Boolean.class, Schema.BOOL, SchemaType.BOOLEAN),
                Arguments.of(Instant.class, Schema.INSTANT, SchemaType.INSTANT),
                Arguments.of(com.google.protobuf.StringValue.class, null, SchemaType.PROTOBUF),
                Arguments.of(com.google.protobuf.StringValue.class,
                        Schema.PROTOBUF_NATIVE(com.google.protobuf.StringValue.class), SchemaType.PROTOBUF_NATIVE),
                Arguments.of(GenericRecord.class, Schema.AVRO(Order.class), SchemaType.AUTO_CONSUME),
                Arguments.of(GenericObject.class, null, SchemaType.AUTO_CONSUME),
                Arguments.of(KeyValue.class, null, SchemaType.KEY_VALUE));
    }

    @ParameterizedTest(name = "{0} on a topic with {1}")
    @MethodSource("defaults")
    void picksAsPulsarsFunctionInstance(Class<?> type, Schema<?> registered, SchemaType expected) {
        Schema<?> schema = on(registered).forInput(type, TOPIC, SchemaSettings.DEFAULT_INPUT);

        assertThat(SchemaChoice.typeOf(schema)).isEqualTo(expected);
        if (expected == SchemaType.AUTO_CONSUME) {
            assertThat(schema).isInstanceOf(AutoConsumeSchema.class);
        }
    }

    @Test
    void aNamedSchemaTypeWinsOverTheTopicsAndCaseDoesNotMatter() {
        Schema<?> schema = on(Schema.JSON(Order.class)).forInput(Order.class, TOPIC,
                new InputSpec("avro", null, Map.of()));

        assertThat(SchemaChoice.typeOf(schema)).isEqualTo(SchemaType.AVRO);
    }

    @Test
    void aSerdeClassReadsAndWritesUnderNoRegisteredSchema() {
        @SuppressWarnings("unchecked")
        Schema<String> schema = (Schema<String>) on(Schema.STRING).forInput(String.class, TOPIC,
                new InputSpec(null, UpperSerDe.class.getName(), Map.of()));

        assertThat(schema.decode("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo("ABC");
        assertThat(schema.getSchemaInfo().getType()).isEqualTo(SchemaType.BYTES);
    }

    @Test
    void aSchemaClassOfTheJarIsMadeAndUsed() {
        Schema<?> schema = on(null).forOutput(String.class, TOPIC, "org.apache.pulsar.client.impl.schema.StringSchema",
                null, Map.of());

        assertThat(SchemaChoice.typeOf(schema)).isEqualTo(SchemaType.STRING);
    }

    @Test
    void aKeyValueTypeReadsTheTopicsKeyValueSchemaWithItsEncoding() {
        Schema<?> registered = Schema.KeyValue(Schema.STRING, Schema.INT32, KeyValueEncodingType.SEPARATED);
        Schema<?> schema = on(registered).forInput(keyValueOfStringAndInteger(), TOPIC,
                SchemaSettings.DEFAULT_INPUT);

        assertThat(schema).isInstanceOf(KeyValueSchema.class);
        KeyValueSchema<?, ?> keyValue = (KeyValueSchema<?, ?>) schema;
        assertThat(keyValue.getKeyValueEncodingType()).isEqualTo(KeyValueEncodingType.SEPARATED);
        assertThat(keyValue.getKeySchema().getSchemaInfo().getType()).isEqualTo(SchemaType.STRING);
        assertThat(keyValue.getValueSchema().getSchemaInfo().getType()).isEqualTo(SchemaType.INT32);
    }

    @Test
    void theOutputFollowsTheOutputTopicAndVoidHasNone() {
        assertThat(SchemaChoice.typeOf(on(Schema.AVRO(Order.class)).forOutput(Order.class, TOPIC, null, null, Map.of())))
                .isEqualTo(SchemaType.AVRO);
        assertThat(SchemaChoice.typeOf(on(null).forOutput(String.class, TOPIC, null, null, Map.of())))
                .isEqualTo(SchemaType.STRING);
        assertThat(on(null).forOutput(Void.class, TOPIC, null, null, Map.of())).isNull();
        assertThat(on(null).forOutput(GenericRecord.class, TOPIC, "AVRO", null, Map.of()))
                .as("a generic record is written with its own schema, whatever type is named")
                .isInstanceOf(AutoConsumeSchema.class);
    }

    @Test
    void aSchemaThatDoesNotFitTheTypeIsRefusedNamingBoth() {
        assertThatThrownBy(() -> on(Schema.INT32).forInput(String.class, TOPIC, SchemaSettings.DEFAULT_INPUT))
                .isInstanceOf(SchemaChoiceException.class)
                .hasMessageContaining("INT32").hasMessageContaining(TOPIC).hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> on(null).forInput(Order.class, TOPIC, new InputSpec(null, "org.example.Missing", null)))
                .isInstanceOf(SchemaChoiceException.class).hasMessageContaining("org.example.Missing");
    }

    @Test
    void jsonKeepsGenericTypesAndIgnoresUnknownFields() {
        record Holder(List<Order> orders) {
        }
        Type listOfOrders = Holder.class.getRecordComponents()[0].getGenericType();
        @SuppressWarnings("unchecked")
        Schema<List<Order>> schema = (Schema<List<Order>>) on(null).forInput(listOfOrders, TOPIC,
                SchemaSettings.DEFAULT_INPUT);

        List<Order> orders = schema.decode("[{\"id\":\"o-1\",\"quantity\":2,\"extra\":true}]"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(orders).singleElement().satisfies(order -> assertThat(order.id).isEqualTo("o-1"));
        SchemaInfo info = schema.getSchemaInfo();
        assertThat(info.getType()).isEqualTo(SchemaType.JSON);
    }
}
