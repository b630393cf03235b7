package dev.magnetar.runtime.loading;

import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.runtime.config.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionMode;

/**
 * Reads a {@link PulsarPackage} into a local jar: a non-durable subscription from the earliest
 * message (the client reassembles chunks), the message whose SHA-256 property matches, its bytes
 * checked against that digest, written atomically under {@code dir}.
 */
public final class PackageFetcher {
    private PackageFetcher() {
    }

    public static Path fetch(PulsarClient client, PulsarPackage pkg, Path dir, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Consumer<byte[]> reader = client.newConsumer(Schema.BYTES).topic(pkg.topic())
                .subscriptionName("magnetar-fetch-" + UUID.randomUUID())
                .subscriptionMode(SubscriptionMode.NonDurable)
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe()) {
            while (System.nanoTime() < deadline) {
                Message<byte[]> message = reader.receive(1, TimeUnit.SECONDS);
                if (message != null && pkg.sha256().equals(message.getProperty(PulsarPackage.SHA256_PROPERTY))) {
                    return write(message.getValue(), pkg, dir);
                }
            }
        } catch (PulsarClientException e) {
            throw new ConfigurationException("spec.runtime.jar: cannot read package " + pkg.location() + ": "
                    + e.getMessage(), e);
        }
        throw new ConfigurationException("spec.runtime.jar: package " + pkg.location() + " was not found within "
                + timeout.toSeconds() + " s: upload the function's jar again");
    }

    private static Path write(byte[] bytes, PulsarPackage pkg, Path dir) {
        String digest = PulsarPackage.digest(bytes);
        if (!digest.equals(pkg.sha256())) {
            throw new ConfigurationException("spec.runtime.jar: package " + pkg.location() + " holds a jar whose"
                    + " SHA-256 is " + digest + ": it is corrupt; upload the function's jar again");
        }
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(pkg.sha256() + ".jar");
            Path temp = Files.createTempFile(dir, ".package", ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the function jar into " + dir, e);
        }
    }
}
