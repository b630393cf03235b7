package dev.magnetar.runtime.it;

import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;

/** Small helpers the runtime ITs share: unique names, bulk publishing, backlog. */
final class Inputs {
    private Inputs() {
    }

    /** A function name no other test uses (a DNS label, as validation demands). */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Producer<String> producer(EmbeddedPulsar pulsar, String topic) throws PulsarClientException {
        return pulsar.client().newProducer(Schema.STRING).topic(topic)
                .batchingMaxPublishDelay(1, TimeUnit.MILLISECONDS).blockIfQueueFull(true).create();
    }

    /** Publishes {@code m-from} .. {@code m-(to-1)}, waiting until the broker has them all. */
    static void publish(Producer<String> producer, int from, int to) throws PulsarClientException {
        for (int i = from; i < to; i++) {
            producer.sendAsync("m-" + i);
        }
        producer.flush();
    }

    static long backlog(EmbeddedPulsar pulsar, String topic, String subscription) throws PulsarAdminException {
        var stats = pulsar.admin().topics().getStats(topic).getSubscriptions().get(subscription);
        if (stats == null) {
            throw new IllegalStateException("no subscription '" + subscription + "' on " + topic);
        }
        return stats.getMsgBacklog();
    }
}
