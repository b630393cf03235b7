package dev.magnetar.gateway.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Date;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.KeyValueEncodingType;
import org.apache.pulsar.common.schema.KeyValue;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InputFormatTest {
    private static final String TOPIC = "persistent://public/default/in";
    private static final String JSON = "application/json";

    /** An Avro POJO as a function would declare it. */
    public static class Person {
        public String name;
        public int age;
        public String nickname;

        public Person() {
        }

        Person(String name, int age, String nickname) {
            this.name = name;
            this.age = age;
            this.nickname = nickname;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Person p && Objects.equals(name, p.name) && age == p.age
                    && Objects.equals(nickname, p.nickname);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, age, nickname);
        }

        @Override
        public String toString() {
            return name + "/" + age + "/" + nickname;
        }
    }

    static Stream<Arguments> bodiesThatFit() {
        return Stream.of(
                Arguments.of(Schema.INT32, "41", 41),
                Arguments.of(Schema.INT32, " -2147483648 ", Integer.MIN_VALUE),
                Arguments.of(Schema.INT8, "-7", (byte) -7),
                Arguments.of(Schema.INT16, "300", (short) 300),
                Arguments.of(Schema.INT64, "9007199254740993", 9007199254740993L),
                Arguments.of(Schema.FLOAT, "1.5", 1.5f),
                Arguments.of(Schema.DOUBLE, "2", 2.0d),
                Arguments.of(Schema.BOOL, "true", true),
                Arguments.of(Schema.DATE, "86400000", new Date(86_400_000L)),
                Arguments.of(Schema.DATE, "\"1970-01-02\"", new Date(86_400_000L)),
                Arguments.of(Schema.TIMESTAMP, "\"2024-05-01T10:15:30Z\"",
                        new Timestamp(Instant.parse("2024-05-01T10:15:30Z").toEpochMilli())),
                Arguments.of(Schema.TIME, "\"00:00:02\"", new Time(2000)),
                Arguments.of(Schema.INSTANT, "\"2024-05-01T10:15:30.123456789Z\"",
                        Instant.parse("2024-05-01T10:15:30.123456789Z")),
                Arguments.of(Schema.INSTANT, "1000", Instant.ofEpochSecond(1)),
                Arguments.of(Schema.LOCAL_DATE, "\"2024-05-01\"", LocalDate.of(2024, 5, 1)),
                Arguments.of(Schema.LOCAL_TIME, "\"10:15:30\"", LocalTime.of(10, 15, 30)),
                Arguments.of(Schema.LOCAL_DATE_TIME, "\"2024-05-01T10:15:30\"",
                        LocalDateTime.of(2024, 5, 1, 10, 15, 30)),
                Arguments.of(Schema.AVRO(Person.class), "{\"name\": \"Ada\", \"age\": 36}",
                        new Person("Ada", 36, null)),
                Arguments.of(Schema.AVRO(Person.class), "{\"name\": \"Ada\", \"age\": 36, \"nickname\": \"A\"}",
                        new Person("Ada", 36, "A")),
                Arguments.of(Schema.KeyValue(Schema.STRING, Schema.INT32, KeyValueEncodingType.INLINE),
                        "{\"key\": \"k\", \"value\": 3}", new KeyValue<>("k", 3)),
                Arguments.of(Schema.KeyValue(Schema.INT64, Schema.AVRO(Person.class), KeyValueEncodingType.INLINE),
                        "{\"key\": 7, \"value\": {\"name\": \"Ada\", \"age\": 36}}",
                        new KeyValue<>(7L, new Person("Ada", 36, null))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("bodiesThatFit")
    void aJsonBodyIsWrittenAsTheSchemaWritesItsValue(Schema<Object> schema, String body, Object value) {
        InputFormat format = InputFormat.of(schema.getSchemaInfo());

        byte[] message = format.convert(bytes(body), JSON, TOPIC);

        assertThat(format.raw()).isFalse();
        assertThat(schema.decode(message)).isEqualTo(value);
        assertThat(message).isEqualTo(schema.encode(value));
    }

    static Stream<Arguments> bodiesThatDoNotFit() {
        Schema<Person> person = Schema.AVRO(Person.class);
        return Stream.of(
                Arguments.of(Schema.INT32, "\"41\"", 400, "expected INT32 (a whole number from -2147483648 to"
                        + " 2147483647), got string \"41\""),
                Arguments.of(Schema.INT32, "4.5", 400, "got number 4.5"),
                Arguments.of(Schema.INT32, "2147483648", 400, "got number 2147483648"),
                Arguments.of(Schema.INT8, "128", 400, "expected INT8 (a whole number from -128 to 127)"),
                Arguments.of(Schema.BOOL, "1", 400, "expected boolean (true or false), got number 1"),
                Arguments.of(Schema.DOUBLE, "null", 400, "expected DOUBLE (a JSON number), got null"),
                Arguments.of(Schema.INT32, "", 400, "the body is empty"),
                Arguments.of(Schema.INT32, "41 42", 400, "the body is not JSON"),
                Arguments.of(Schema.INT32, "forty-one", 400, "the body is not JSON"),
                Arguments.of(Schema.LOCAL_DATE, "\"May 1st\"", 400, "an ISO-8601 string such as \"2024-05-01\""),
                Arguments.of(person, "{\"name\": \"Ada\", \"age\": \"forty\"}", 400,
                        "field 'age': expected int (a whole number from"),
                Arguments.of(person, "{\"name\": \"Ada\"}", 400, "field 'age': missing, expected int"),
                Arguments.of(person, "{\"name\": \"Ada\", \"age\": 3, \"agee\": 4}", 400,
                        "field 'agee': not a field of record Person (its fields: age, name, nickname)"),
                Arguments.of(person, "{\"name\": 5, \"age\": 3}", 400, "field 'name': expected string"),
                Arguments.of(person, "[1]", 400, "expected an object (record Person), got an array"),
                Arguments.of(Schema.JSON(Person.class), "[1]", 400, "expected a JSON object, got an array"),
                Arguments.of(Schema.JSON(Person.class), "{\"name\": ", 400, "the body is not JSON"),
                Arguments.of(Schema.KeyValue(Schema.STRING, Schema.INT32, KeyValueEncodingType.INLINE),
                        "{\"key\": \"k\", \"value\": \"x\"}", 400, "field 'value': expected INT32"),
                Arguments.of(Schema.KeyValue(Schema.STRING, Schema.INT32, KeyValueEncodingType.INLINE),
                        "{\"k\": \"k\"}", 400, "field 'k': not a part of a key/value pair"),
                Arguments.of(Schema.KeyValue(Schema.STRING, Schema.INT32, KeyValueEncodingType.SEPARATED),
                        "{\"key\": \"k\", \"value\": 3}", 415, "SEPARATED encoding"),
                Arguments.of(protobuf(), "{\"name\": \"Ada\"}", 415,
                        "send the message's protobuf bytes with Content-Type: application/x-protobuf, not"
                                + " application/json"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("bodiesThatDoNotFit")
    void aBodyThatDoesNotFitIsRefusedNamingTheProblem(Object schema, String body, int status, String problem) {
        InputFormat format = InputFormat.of(schema instanceof Schema<?> pulsar ? pulsar.getSchemaInfo()
                : (SchemaInfo) schema);

        assertThatThrownBy(() -> format.convert(bytes(body), JSON, TOPIC))
                .isInstanceOfSatisfying(BodyRejectedException.class, e -> assertThat(e.status()).isEqualTo(status))
                .hasMessageContaining(problem)
                .hasMessageContaining(TOPIC);
    }

    @Test
    void aRefusalSaysWhatToSendInstead() {
        assertThatThrownBy(() -> InputFormat.of(Schema.INT32.getSchemaInfo()).convert(bytes("\"x\""), null, TOPIC))
                .hasMessage("the body does not fit the INT32 schema of input topic " + TOPIC + ": expected INT32 (a"
                        + " whole number from -2147483648 to 2147483647), got string \"x\"; send the INT32 value as"
                        + " JSON, or the schema's binary encoding as application/octet-stream");
    }

    @Test
    void topicsWithoutASchemaOrWithBytesOrStringTakeTheBodyAsItIs() {
        byte[] body = bytes("not JSON at all");
        for (SchemaInfo schema : new SchemaInfo[] {null, Schema.BYTES.getSchemaInfo(), Schema.STRING.getSchemaInfo(),
                Schema.AUTO_CONSUME().getSchemaInfo()}) {
            InputFormat format = InputFormat.of(schema);

            assertThat(format.raw()).as("%s", schema).isTrue();
            assertThat(format).isSameAs(InputFormat.RAW);
            assertThat(format.convert(body, "text/plain", TOPIC)).isSameAs(body);
        }
    }

    @Test
    void aJsonSchemaTakesTheJsonBodyAsItIs() {
        byte[] body = bytes("{ \"name\" : \"Ada\", \"age\": 36 }");

        assertThat(InputFormat.of(Schema.JSON(Person.class).getSchemaInfo()).convert(body, JSON, TOPIC))
                .isSameAs(body);
    }

    @Test
    void aBodyWithoutContentTypeOrAsTextIsReadAsJson() {
        InputFormat format = InputFormat.of(Schema.INT32.getSchemaInfo());

        assertThat(Schema.INT32.decode(format.convert(bytes("41"), null, TOPIC))).isEqualTo(41);
        assertThat(Schema.INT32.decode(format.convert(bytes("41"), "text/plain; charset=utf-8", TOPIC)))
                .isEqualTo(41);
        assertThat(Schema.INT32.decode(format.convert(bytes("41"), "application/x-www-form-urlencoded", TOPIC)))
                .isEqualTo(41);
    }

    @Test
    void anOctetStreamBodyIsTheSchemasBinaryEncodingAndAPrimitivesLengthIsChecked() {
        InputFormat format = InputFormat.of(Schema.INT32.getSchemaInfo());
        byte[] encoded = Schema.INT32.encode(41);

        assertThat(format.convert(encoded, "application/octet-stream", TOPIC)).isSameAs(encoded);
        assertThatThrownBy(() -> format.convert(new byte[3], "Application/Octet-Stream", TOPIC))
                .isInstanceOfSatisfying(BodyRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("body of 3 bytes is not a INT32 value")
                .hasMessageContaining("send the value as JSON");

        byte[] avro = Schema.AVRO(Person.class).encode(new Person("Ada", 36, null));
        assertThat(InputFormat.of(Schema.AVRO(Person.class).getSchemaInfo())
                .convert(avro, "application/octet-stream", TOPIC)).isSameAs(avro);
    }

    @Test
    void anAvroBodyNamesTheRegisteredSchemaItIsWrittenWithAndItsBinaryFormIsChecked() {
        SchemaInfo person = Schema.AVRO(Person.class).getSchemaInfo();

        assertThat(InputFormat.of(person).writer()).as("read with the writer's schema: the message needs its version")
                .isSameAs(person);
        assertThat(InputFormat.of(Schema.INT32.getSchemaInfo()).writer()).isNull();
        assertThat(InputFormat.of(Schema.JSON(Person.class).getSchemaInfo()).writer()).isNull();
        assertThat(InputFormat.RAW.writer()).isNull();
        assertThatThrownBy(() -> InputFormat.of(person).convert(new byte[] {(byte) 0x81}, "application/octet-stream", TOPIC))
                .isInstanceOfSatisfying(BodyRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("is not a AVRO value for input topic");
    }

    @Test
    void aProtobufInputTakesProtobufBytesAsTheyAre() {
        byte[] message = {8, 42};

        assertThat(InputFormat.of(protobuf()).convert(message, "application/x-protobuf", TOPIC)).isSameAs(message);
        assertThat(InputFormat.of(protobuf()).convert(message, "application/octet-stream", TOPIC)).isSameAs(message);
        assertThatThrownBy(() -> InputFormat.of(protobuf()).convert(message, null, TOPIC))
                .hasMessageContaining("not a body without a content type");
    }

    @Test
    void anAvroUnionTakesTheFirstBranchTheValueFits() {
        org.apache.pulsar.shade.org.apache.avro.Schema union = new org.apache.pulsar.shade.org.apache.avro.Schema
                .Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"v\", \"type\":"
                        + " [\"null\", \"int\", \"string\"]}, {\"name\": \"when\", \"type\": {\"type\": \"long\","
                        + " \"logicalType\": \"timestamp-millis\"}}]}");
        SchemaInfo info = SchemaInfo.builder().name("R").type(SchemaType.AVRO)
                .schema(union.toString().getBytes(StandardCharsets.UTF_8)).build();
        InputFormat format = InputFormat.of(info);

        byte[] number = format.convert(bytes("{\"v\": 1, \"when\": \"1970-01-01T00:00:01Z\"}"), JSON, TOPIC);
        byte[] text = format.convert(bytes("{\"v\": \"one\", \"when\": 1000}"), JSON, TOPIC);

        // union index 1 (int) zig-zag 2, value 1 zig-zag 2, then 1000 zig-zag 2000 as a varint
        assertThat(number).containsExactly(2, 2, 0xd0 - 256, 0x0f);
        assertThat(text).containsExactly(4, 6, 'o', 'n', 'e', 0xd0 - 256, 0x0f);
        assertThatThrownBy(() -> format.convert(bytes("{\"v\": true, \"when\": 0}"), JSON, TOPIC))
                .hasMessageContaining("field 'v': expected null or int or string, got boolean true");
    }

    @Test
    void aTypeNamedInTheSpecIsUsedUntilTheTopicHasASchemaOfItsOwn() {
        InputFormat named = InputFormat.orNamed(InputFormat.RAW, "INT32");
        InputFormat registered = InputFormat.of(Schema.INT64.getSchemaInfo());

        assertThat(Schema.INT32.decode(named.convert(bytes("41"), JSON, TOPIC))).isEqualTo(41);
        assertThat(InputFormat.orNamed(registered, "INT32")).isSameAs(registered);
        assertThat(InputFormat.orNamed(InputFormat.RAW, null)).isSameAs(InputFormat.RAW);
        assertThat(InputFormat.orNamed(InputFormat.RAW, "AVRO")).as("no definition to write with")
                .isSameAs(InputFormat.RAW);
        assertThat(InputFormat.orNamed(InputFormat.RAW, "STRING")).isSameAs(InputFormat.RAW);
        assertThatThrownBy(() -> InputFormat.orNamed(InputFormat.RAW, "JSON").convert(bytes("{"), JSON, TOPIC))
                .hasMessageContaining("the body is not JSON");
        assertThatThrownBy(() -> InputFormat.orNamed(InputFormat.RAW, "PROTOBUF").convert(bytes("{}"), JSON, TOPIC))
                .isInstanceOfSatisfying(BodyRejectedException.class, e -> assertThat(e.status()).isEqualTo(415));
    }

    private static SchemaInfo protobuf() {
        return SchemaInfo.builder().name("Greeting").type(SchemaType.PROTOBUF).schema(new byte[0]).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
