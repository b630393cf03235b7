package dev.magnetar.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedObjectsAndArraysInOrder() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scenario", "throughput");
        doc.put("runs", List.of(1, 2.5));
        doc.put("empty", Map.of());
        assertThat(JsonWriter.write(doc)).isEqualTo("""
                {
                  "scenario": "throughput",
                  "runs": [
                    1,
                    2.5
                  ],
                  "empty": {}
                }
                """);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonWriter.write("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"\n");
    }

    @Test
    void wholeDoublesLoseTheirFractionAndNonFiniteBecomesNull() {
        assertThat(JsonWriter.write(List.of(3.0, Double.NaN, true))).isEqualTo("[\n  3,\n  null,\n  true\n]\n");
    }

    @Test
    void nullIsWrittenAsNull() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("x", null);
        assertThat(JsonWriter.write(doc)).isEqualTo("{\n  \"x\": null\n}\n");
    }
}
