package dev.magnetar.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;

class InputGroupTest {

    public static class Order {
        public String id;
    }

    @Test
    void inputsThatAgreeShareOneGroup() {
        Map<String, Schema<?>> perTopic = new LinkedHashMap<>();
        perTopic.put("a", Schema.JSON(Order.class));
        perTopic.put("b", Schema.JSON(Order.class));

        List<InputGroup> groups = InputGroup.bySchema(perTopic);

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).topics()).containsExactly("a", "b");
    }

    @Test
    void inputsThatNeedDifferentSchemasGetOneGroupEachInTheOrderOfTheirFirstTopic() {
        Map<String, Schema<?>> perTopic = new LinkedHashMap<>();
        Schema<Order> avro = Schema.AVRO(Order.class);
        Schema<Order> json = Schema.JSON(Order.class);
        perTopic.put("avro-1", avro);
        perTopic.put("json", json);
        perTopic.put("avro-2", Schema.AVRO(Order.class));

        List<InputGroup> groups = InputGroup.bySchema(perTopic);

        assertThat(groups).extracting(InputGroup::topics)
                .containsExactly(List.of("avro-1", "avro-2"), List.of("json"));
        assertThat(groups).extracting(InputGroup::schema).containsExactly(avro, json);
    }

    @Test
    void theSameTypeWithAnotherDefinitionIsAnotherGroup() {
        Map<String, Schema<?>> perTopic = new LinkedHashMap<>();
        perTopic.put("orders", Schema.JSON(Order.class));
        perTopic.put("strings", Schema.JSON(String.class));
        perTopic.put("text", Schema.STRING);
        perTopic.put("raw", Schema.BYTES);

        assertThat(InputGroup.bySchema(perTopic)).hasSize(4);
    }
}
