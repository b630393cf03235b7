package dev.magnetar.controlplane.api.pulsar.examples;

import static dev.magnetar.controlplane.api.pulsar.examples.Example.PACKAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.schema.GenericRecord;
import org.apache.pulsar.functions.api.SerDe;
import org.apache.pulsar.functions.api.examples.CustomBaseObject;
import org.apache.pulsar.functions.api.examples.CustomBaseSerde;
import org.apache.pulsar.functions.api.examples.CustomDerivedObject;
import org.apache.pulsar.functions.api.examples.CustomDerivedSerde;
import org.apache.pulsar.functions.api.examples.pojo.AvroTestObject;
import org.apache.pulsar.functions.api.examples.serde.CustomObject;
import org.apache.pulsar.functions.api.examples.serde.CustomObjectSerde;

/**
 * The examples whose values are not strings: Pulsar schemas (INT32, AVRO, a generic record) and custom serdes,
 * each sent and read the way a Pulsar user of that example would.
 */
final class TypedExamples {
    private TypedExamples() {
    }

    static List<Example> all() {
        return List.of(
                new Example(PACKAGE + "IntegerAdditionFunction", config -> { },
                        run -> run.send(Schema.INT32, 41, -100),
                        // Pulsar writes an Integer result with a JSON schema unless told another
                        run -> {
                            assertThat(run.values(run.output(), Schema.JSON(Integer.class), 2)).containsExactly(141, 0);
                            // pulsar-admin functions trigger --trigger-value 9: the text is written as an INT32
                            assertThat(run.admin().functions().triggerFunction("public", "default", run.name(), null,
                                    "9", null)).isEqualTo("109");
                        })
                        .producedWith(Schema.INT32),
                new Example(PACKAGE + "AvroSchemaTestFunction", config -> config.setOutputSchemaType("AVRO"),
                        run -> run.send(Schema.AVRO(AvroTestObject.class), avro(5, "five")),
                        run -> {
                            AvroTestObject out = run.values(run.output(), Schema.AVRO(AvroTestObject.class), 1).get(0);
                            assertThat(out.getBaseValue()).isEqualTo(15);
                            assertThat(out.getObjectValue()).isEqualTo("five");
                        }).producedWith(Schema.AVRO(AvroTestObject.class)),
                new Example(PACKAGE + "AutoSchemaFunction", config -> { },
                        run -> run.send(Schema.AVRO(Reading.class), new Reading(7)),
                        run -> assertThat(run.values(run.output(), Schema.STRING, 1)).containsExactly("value-7"))
                        .producedWith(Schema.AVRO(Reading.class)),
                new Example(PACKAGE + "MergeTopicFunction", config -> { },
                        run -> run.send(Schema.AVRO(AvroTestObject.class), avro(3, "three"), m -> m.key("k3")),
                        TypedExamples::mergedAsSent).producedWith(Schema.AVRO(AvroTestObject.class)),
                serde("CustomObjectFunction", CustomObjectSerde.class, new CustomObject(5),
                        CustomObjectSerde.class, out -> assertThat(((CustomObject) out).getValue()).isEqualTo(105)),
                serde("CustomBaseToBaseFunction", CustomBaseSerde.class, new CustomBaseObject(5),
                        CustomBaseSerde.class, out -> assertThat(((CustomBaseObject) out).getBaseValue()).isEqualTo(105)),
                serde("CustomBaseToDerivedFunction", CustomBaseSerde.class, new CustomBaseObject(5),
                        CustomDerivedSerde.class, out -> derived(out, 105, 55)),
                serde("CustomDerivedToBaseFunction", CustomDerivedSerde.class, new CustomDerivedObject(5, 7),
                        CustomBaseSerde.class, out -> assertThat(((CustomBaseObject) out).getBaseValue()).isEqualTo(106)),
                serde("CustomDerivedToDerivedFunction", CustomDerivedSerde.class, new CustomDerivedObject(5, 7),
                        CustomDerivedSerde.class, out -> derived(out, 106, 157)));
    }

    /** A record with the one field {@code AutoSchemaFunction} reads. */
    public static class Reading {
        private int value;

        public Reading() {
        }

        Reading(int value) {
            this.value = value;
        }

        public int getValue() {
            return value;
        }

        public void setValue(int value) {
            this.value = value;
        }
    }

    interface Expectation {
        void check(Object output);
    }

    /** An example run with {@code --custom-serde-inputs} and {@code --output-serde-classname}: bytes on both topics. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Example serde(String simpleName, Class<? extends SerDe> inputSerde, Object input,
                                 Class<? extends SerDe> outputSerde, Expectation expectation) {
        return new Example(PACKAGE + simpleName,
                config -> {
                    config.setCustomSerdeInputs(Map.of(config.getInputs().iterator().next(), inputSerde.getName()));
                    config.setInputs(null);
                    config.setOutputSerdeClassName(outputSerde.getName());
                },
                run -> run.send(Schema.BYTES, ((SerDe) newInstance(inputSerde)).serialize(input)),
                run -> expectation.check(((SerDe) newInstance(outputSerde))
                        .deserialize(run.values(run.output(), Schema.BYTES, 1).get(0))));
    }

    /** The input's bytes, schema, key and properties as they were, and where they came from. */
    private static void mergedAsSent(ExampleRun run) throws Exception {
        Message<GenericRecord> out = run.receive(run.output(), Schema.AUTO_CONSUME(), 1).get(0);
        assertThat(out.getValue().getField("baseValue")).isEqualTo(3);
        assertThat(out.getValue().getField("objectValue")).hasToString("three");
        assertThat(out.getKeyBytes()).isEqualTo("k3".getBytes(StandardCharsets.UTF_8)); // set again as key bytes
        assertThat(out.getProperty("__original_topic")).isEqualTo(run.input());
        assertThat(out.getProperties()).containsKeys("__publish_time", "__sequence_id", "__producer_name");
    }

    private static void derived(Object output, long base, int derived) {
        assertThat(((CustomDerivedObject) output).getBaseValue()).isEqualTo(base);
        assertThat(((CustomDerivedObject) output).getDerivedValue()).isEqualTo(derived);
    }

    private static AvroTestObject avro(int base, String text) {
        AvroTestObject value = new AvroTestObject();
        value.setBaseValue(base);
        value.setObjectValue(text);
        return value;
    }

    private static Object newInstance(Class<?> type) throws Exception {
        return type.getDeclaredConstructor().newInstance();
    }
}
