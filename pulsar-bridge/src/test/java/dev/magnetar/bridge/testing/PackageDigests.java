package dev.magnetar.bridge.testing;

import dev.magnetar.api.packages.PulsarPackage;
import java.util.ArrayList;
import java.util.List;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;

/** What a package topic still holds, read from its earliest stored message as a replica's fetcher reads it. */
public final class PackageDigests {
    private PackageDigests() {
    }

    /** The SHA-256 property of every message on {@code topic}, oldest first. */
    public static List<String> on(PulsarClient client, String topic) throws Exception {
        List<String> digests = new ArrayList<>();
        try (Reader<byte[]> reader = client.newReader(Schema.BYTES).topic(topic).startMessageId(MessageId.earliest)
                .create()) {
            while (reader.hasMessageAvailable()) {
                Message<byte[]> message = reader.readNext();
                digests.add(message.getProperty(PulsarPackage.SHA256_PROPERTY));
            }
        }
        return digests;
    }
}
