package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.bridge.packages.PackageRetention;
import dev.magnetar.bridge.packages.PulsarPackagePublisher;
import dev.magnetar.runtime.config.ConfigurationException;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.loading.PackageFetcher;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;


/**
 * A function jar kept in Pulsar (how the control plane hands an uploaded jar to pods on Kubernetes):
 * published by the control plane's publisher, fetched by the runtime, run by a real replica.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class PulsarPackageIT {

    @Test
    void aJarLargerThanOneMessageIsPublishedInChunksAndFetchedIntact(EmbeddedPulsar pulsar, @TempDir Path dir) throws Exception {
        byte[] bytes = new byte[7 * 1024 * 1024]; // above the broker's 5 MB message limit: the client chunks it
        new Random(42).nextBytes(bytes);
        Path jar = Files.write(dir.resolve("big.jar"), bytes);
        String topic = pulsar.uniqueTopic("package");

        PulsarPackage pkg = new PulsarPackagePublisher(pulsar.client()).publish(topic, jar);
        Path fetched = PackageFetcher.fetch(pulsar.client(), pkg, dir.resolve("fetched"), Duration.ofSeconds(60));

        assertThat(Files.readAllBytes(fetched)).isEqualTo(bytes);
        assertThat(pulsar.admin().topics().getSubscriptions(topic)).as("the keeper retains it")
                .contains(PulsarPackage.KEEPER_SUBSCRIPTION);
    }

    @Test
    void aVersionDroppedByRetentionCannotBeFetchedAndTheKeptOnesCan(EmbeddedPulsar pulsar, @TempDir Path dir) throws Exception {
        String topic = pulsar.uniqueTopic("package-versions");
        PulsarPackagePublisher publisher = new PulsarPackagePublisher(pulsar.client());
        PackageRetention retention = new PackageRetention(pulsar.client(), pulsar.admin());
        PulsarPackage[] versions = new PulsarPackage[3];
        for (int v = 0; v < versions.length; v++) {
            byte[] bytes = new byte[64 * 1024];
            new Random(v).nextBytes(bytes);
            versions[v] = publisher.publish(topic, Files.write(dir.resolve("v" + v + ".jar"), bytes));
            // As the control plane does after each update: keep this version and the one before it.
            retention.keepOnly(topic, v == 0 ? Set.of(versions[0].sha256())
                    : Set.of(versions[v].sha256(), versions[v - 1].sha256()));
        }

        assertThatThrownBy(() -> PackageFetcher.fetch(pulsar.client(), versions[0], dir.resolve("f0"), Duration.ofSeconds(3)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("was not found");
        for (int v = 1; v < versions.length; v++) {
            Path fetched = PackageFetcher.fetch(pulsar.client(), versions[v], dir.resolve("f" + v), Duration.ofSeconds(60));
            assertThat(PulsarPackage.digest(Files.readAllBytes(fetched))).isEqualTo(versions[v].sha256());
        }
    }

    @Test
    void aPackageThatIsNotThereIsAClearError(EmbeddedPulsar pulsar, @TempDir Path dir) {
        PulsarPackage missing = new PulsarPackage(pulsar.uniqueTopic("no-package"), "0".repeat(64));

        assertThatThrownBy(() -> PackageFetcher.fetch(pulsar.client(), missing, dir, Duration.ofSeconds(3)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("spec.runtime.jar").hasMessageContaining("was not found within 3 s")
                .hasMessageContaining("upload the function's jar again");
    }

    @Test
    void aReplicaRunsAFunctionWhoseJarIsKeptInPulsar(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("pkg-in");
        String out = pulsar.uniqueTopic("pkg-out");
        PulsarPackage pkg = new PulsarPackagePublisher(pulsar.client())
                .publish(pulsar.uniqueTopic("pkg-jar"), Definitions.exclamationJar());
        Function function = Definitions.define(Inputs.uniqueName("pkg"), Definitions.EXCLAMATION_CLASS,
                Definitions.exclamationJar(), in, out);
        function.getSpec().setRuntime(new RuntimeSpec(null, pkg.location(), Definitions.EXCLAMATION_CLASS));

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            producer.send("from pulsar");
            await().atMost(Duration.ofSeconds(30)).until(() -> output.distinct() == 1);
            assertThat(output.values()).containsExactly("from pulsar!");
            assertThat(Files.readString(replica.log())).contains("Fetched the function jar " + pkg.location());
        }
    }
}
