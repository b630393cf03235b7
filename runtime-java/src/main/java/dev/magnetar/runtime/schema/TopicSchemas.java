package dev.magnetar.runtime.schema;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.impl.PulsarClientImpl;
import org.apache.pulsar.common.schema.SchemaInfo;

/** The schema registered on a topic, as Pulsar's function instance looks it up before it picks a schema. */
@FunctionalInterface
public interface TopicSchemas {
    /** Nothing registered anywhere: the choice follows the function's types only (tests, HTTP-only use). */
    TopicSchemas NONE = topic -> Optional.empty();

    /** The topic's latest schema; empty when it has none (or does not exist yet). */
    Optional<SchemaInfo> of(String topic);

    /** Looks schemas up through the broker the client is connected to, within {@code timeoutSeconds}. */
    static TopicSchemas of(PulsarClient client, long timeoutSeconds) {
        return topic -> {
            try {
                return ((PulsarClientImpl) client).getSchema(topic).get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaLookupException("interrupted while looking up the schema of " + topic, e);
            } catch (Exception e) {
                throw new SchemaLookupException("cannot look up the schema of topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
