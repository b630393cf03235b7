package dev.magnetar.controlplane.api.pulsar.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every function of Pulsar's examples jar, and what the jar holds that is not a function. */
public final class ExampleCatalog {
    /** Classes of the jar that are not functions, and what they are for. */
    public static final Map<String, String> NOT_FUNCTIONS = Map.ofEntries(
            Map.entry("ByteBufferSerDe", "a SerDe of integers"),
            Map.entry("CustomBaseSerde", "the SerDe of CustomBaseObject"),
            Map.entry("CustomDerivedSerde", "the SerDe of CustomDerivedObject"),
            Map.entry("serde.CustomObjectSerde", "the SerDe of CustomObject"),
            Map.entry("CustomBaseObject", "a value type"),
            Map.entry("CustomDerivedObject", "a value type"),
            Map.entry("serde.CustomObject", "a value type"),
            Map.entry("pojo.AvroTestObject", "a value type"),
            Map.entry("pojo.Tick", "a value type"),
            Map.entry("pojo.Users", "a holder of value types"),
            Map.entry("pojo.Users$UserV1", "a value type"),
            Map.entry("pojo.Users$UserV2", "a value type"),
            Map.entry("RawFileKeyReader", "a CryptoKeyReader for end-to-end encryption"));

    private ExampleCatalog() {
    }

    /** Every example, in two waves of about twenty. */
    public static List<List<Example>> waves() {
        List<Example> second = new ArrayList<>(TypedExamples.all());
        second.addAll(WindowExamples.all());
        return List.of(ContextExamples.all(), second);
    }
}
