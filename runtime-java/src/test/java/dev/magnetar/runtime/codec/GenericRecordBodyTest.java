package dev.magnetar.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.schema.GenericRecord;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.junit.jupiter.api.Test;

class GenericRecordBodyTest {
    private static final String TOPIC = "persistent://public/default/orders";

    public static class Order {
        public String id;
        public int quantity;
        public double price;
    }

    private static GenericRecordBody on(SchemaInfo registered) {
        return new GenericRecordBody(TOPIC, topic -> Optional.ofNullable(registered));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aJsonBodyIsReadWithTheAvroSchemaOfTheInputTopic() {
        GenericRecordBody.Decoded decoded = on(Schema.AVRO(Order.class).getSchemaInfo())
                .decode(json("{\"id\": \"o-1\", \"quantity\": 3, \"price\": 2.5}"));

        GenericRecord record = decoded.value();
        assertThat(record.getFields()).extracting(field -> field.getName())
                .containsExactlyInAnyOrder("id", "quantity", "price");
        assertThat(record.getField("id")).isEqualTo("o-1");
        assertThat(record.getField("quantity")).isEqualTo(3);
        assertThat(record.getField("price")).isEqualTo(2.5);
        assertThat(decoded.schema().decode(decoded.schema().encode(record)).getField("id")).isEqualTo("o-1");
    }

    @Test
    void aJsonBodyIsReadWithTheJsonSchemaOfTheInputTopicAndANullableFieldMayBeLeftOut() {
        GenericRecord record = on(Schema.JSON(Order.class).getSchemaInfo())
                .decode(json("{\"quantity\": 1, \"price\": 4}")).value();

        assertThat(record.getField("quantity")).isEqualTo(1);
        assertThat(record.getField("id")).isNull();
    }

    @Test
    void aTopicWithoutASchemaIsRefusedNamingTheTopicAndWhatToDo() {
        assertThatThrownBy(() -> on(null).decode(json("{\"id\": \"o-1\"}")))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("input topic " + TOPIC + " has no schema")
                .hasMessageContaining("register the records' AVRO or JSON schema");
        assertThatThrownBy(() -> on(Schema.STRING.getSchemaInfo()).decode(json("{}")))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("has a STRING schema, not a record");
    }

    @Test
    void aBodyThatDoesNotFitIsRefusedNamingTheField() {
        GenericRecordBody avro = on(Schema.AVRO(Order.class).getSchemaInfo());

        assertThatThrownBy(() -> avro.decode(json("{\"id\": \"o-1\", \"quantity\": 3, \"price\": 2.5, \"colour\": 1}")))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("AVRO schema of input topic " + TOPIC)
                .hasMessageContaining("field 'colour' is not in it (its fields: id, price, quantity)");
        assertThatThrownBy(() -> avro.decode(json("{\"id\": \"o-1\", \"quantity\": \"three\", \"price\": 2.5}")))
                .isInstanceOf(InputRejectedException.class).hasMessageContaining("field 'quantity' is string");
        assertThatThrownBy(() -> avro.decode(json("{\"id\": \"o-1\", \"price\": 2.5}")))
                .isInstanceOf(InputRejectedException.class).hasMessageContaining("field 'quantity' is missing");
        assertThatThrownBy(() -> avro.decode(json("[1, 2]")))
                .isInstanceOf(InputRejectedException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> avro.decode(json("{oops")))
                .isInstanceOf(InputRejectedException.class).hasMessageContaining("it is not JSON");
    }

    @Test
    void aPatternHasNoOneTopicToReadTheBodyWith() {
        assertThatThrownBy(() -> new GenericRecordBody(null, topic -> Optional.empty()).decode(json("{}")))
                .isInstanceOf(InputRejectedException.class).hasMessageContaining("topics pattern");
    }
}
