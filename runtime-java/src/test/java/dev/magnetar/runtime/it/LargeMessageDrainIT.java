package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.protocol.ReplicaStatusReport;
import dev.magnetar.runtime.publish.Publisher;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import java.util.Arrays;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * A backlog of large messages drains without a failed send: the outputs of the unsettled inputs fit the Pulsar
 * client's send buffer (64 MB by default, as a replica's client has it), which fails a send when full instead of
 * waiting. Before the replica bounded its unsettled bytes, such a drain failed hundreds of sends.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class LargeMessageDrainIT {
    private static final int MESSAGES = 600;
    private static final int BYTES = 200 * 1024;

    public static final class Identity implements java.util.function.Function<byte[], byte[]> {
        @Override
        public byte[] apply(byte[] input) {
            return input;
        }
    }

    @Test
    void aBacklogOfLargeMessagesDrainsWithoutAFailedSend(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("large-in");
        String out = pulsar.uniqueTopic("large-out");
        ReplicaStatusReport report;
        try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.serviceUrl()).build();
             Publisher publisher = Publisher.forReplica(client, out, true)) {
            fill(pulsar, in);
            try (InProcessLoop loop = InProcessLoop.start(client, publisher, "large", new Identity(), in, out)) {
                loop.awaitDrained(pulsar, Duration.ofMinutes(2));
                report = loop.metrics().activity().report();
            }
        }
        assertThat(report.latestSystemExceptions()).as("no send failed").isEmpty();
        assertThat(report.processed()).as("each message processed once, none redelivered").isEqualTo(MESSAGES);
        assertThat(pulsar.admin().topics().getStats(out).getMsgInCounter()).isEqualTo(MESSAGES);
    }

    private static void fill(EmbeddedPulsar pulsar, String topic) throws Exception {
        byte[] body = new byte[BYTES];
        try (Producer<byte[]> producer = pulsar.client().newProducer(Schema.BYTES).topic(topic)
                .enableBatching(false).blockIfQueueFull(true).create()) {
            for (int i = 0; i < MESSAGES; i++) {
                Arrays.fill(body, (byte) ('a' + i % 26));
                producer.sendAsync(body.clone());
            }
            producer.flush();
        }
    }
}
