package dev.magnetar.runtime.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.pulsar.client.api.Schema;

/**
 * Input topics read with one schema, by one consumer. Topics whose schemas agree share a group, so a function whose
 * inputs agree (the common case) has one consumer, as before; topics that need different schemas (one with JSON, one
 * with AVRO of the same class, say) get one consumer each on the same subscription, as Pulsar's instance opens them.
 *
 * @param topics the group's topics, in the order given; empty for a topics pattern (read with one consumer)
 * @param schema what they are read with
 */
public record InputGroup(List<String> topics, Schema<?> schema) {

    public InputGroup {
        topics = List.copyOf(topics);
        Objects.requireNonNull(schema, "schema");
    }

    /** The topics grouped by the schema each needs, groups in the order of their first topic. */
    public static List<InputGroup> bySchema(Map<String, Schema<?>> perTopic) {
        List<List<String>> topics = new ArrayList<>();
        List<Schema<?>> schemas = new ArrayList<>();
        perTopic.forEach((topic, schema) -> {
            int group = indexOfAgreeing(schemas, schema);
            if (group < 0) {
                schemas.add(schema);
                topics.add(new ArrayList<>());
                group = schemas.size() - 1;
            }
            topics.get(group).add(topic);
        });
        List<InputGroup> groups = new ArrayList<>();
        for (int i = 0; i < schemas.size(); i++) {
            groups.add(new InputGroup(topics.get(i), schemas.get(i)));
        }
        return List.copyOf(groups);
    }

    /** Two schemas agree when one consumer may read both topics: the same type with the same definition. */
    static boolean agree(Schema<?> a, Schema<?> b) {
        return a == b || SchemaChoice.typeOf(a) == SchemaChoice.typeOf(b)
                && Objects.equals(a.getSchemaInfo(), b.getSchemaInfo());
    }

    private static int indexOfAgreeing(List<Schema<?>> schemas, Schema<?> schema) {
        for (int i = 0; i < schemas.size(); i++) {
            if (agree(schemas.get(i), schema)) {
                return i;
            }
        }
        return -1;
    }
}
