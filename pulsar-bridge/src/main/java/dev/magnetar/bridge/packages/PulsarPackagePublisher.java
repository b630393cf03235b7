package dev.magnetar.bridge.packages;

import dev.magnetar.api.packages.PulsarPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;

/**
 * Publishes a function jar as a {@link PulsarPackage}: the keeper subscription first (so the
 * broker retains the message from the moment it is written), then the jar as one message, which
 * the client sends in chunks of at most {@link #CHUNK_BYTES}.
 */
public final class PulsarPackagePublisher {
    /**
     * Well under the broker's 5 MB message limit: a chunk at the limit plus its headers can exceed
     * the bookie's frame size, which a broker with default bookie settings does not survive.
     */
    static final int CHUNK_BYTES = 1024 * 1024;
    private final PulsarClient client;

    public PulsarPackagePublisher(PulsarClient client) {
        this.client = client;
    }

    public PulsarPackage publish(String topic, Path jar) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function jar " + jar, e);
        }
        PulsarPackage pkg = new PulsarPackage(topic, PulsarPackage.digest(bytes));
        try {
            client.newConsumer(Schema.BYTES).topic(topic).subscriptionName(PulsarPackage.KEEPER_SUBSCRIPTION)
                    .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe().close();
            try (Producer<byte[]> producer = client.newProducer(Schema.BYTES).topic(topic)
                    .enableBatching(false).enableChunking(true).chunkMaxMessageSize(CHUNK_BYTES)
                    .sendTimeout(2, TimeUnit.MINUTES).create()) {
                producer.newMessage().value(bytes).property(PulsarPackage.SHA256_PROPERTY, pkg.sha256()).send();
            }
        } catch (PulsarClientException e) {
            throw new IllegalStateException("cannot store the function jar in Pulsar topic " + topic + ": "
                    + e.getMessage() + "; check that Pulsar is reachable and the namespace exists", e);
        }
        return pkg;
    }
}
