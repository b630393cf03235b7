package dev.magnetar.bridge.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.bridge.testing.PackageDigests;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;


/**
 * Old versions of a function's jar leave its package topic: against the embedded broker, with jars
 * large enough to be sent in chunks, so the keeper acknowledges chunked messages.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class PackageRetentionIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Two chunks per jar: the acknowledgement must cover every chunk of a message. */
    private static final int JAR_BYTES = PulsarPackagePublisher.CHUNK_BYTES + PulsarPackagePublisher.CHUNK_BYTES / 2;

    private EmbeddedPulsar pulsar;
    private PulsarPackagePublisher publisher;
    private PackageRetention retention;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp(EmbeddedPulsar pulsar) {
        this.pulsar = pulsar;
        this.publisher = new PulsarPackagePublisher(pulsar.client());
        this.retention = new PackageRetention(pulsar.client(), pulsar.admin());
    }

    @Test
    void afterThreeUpdatesOnlyTheLastTwoVersionsRemain() throws Exception {
        String topic = pulsar.uniqueTopic("package-versions");
        PulsarPackage first = publisher.publish(topic, jar("first", 1));
        assertThat(retention.keepOnly(topic, Set.of(first.sha256()))).isZero();
        long perVersion = keeperBacklog(topic);
        PulsarPackage second = publisher.publish(topic, jar("second", 2));
        assertThat(retention.keepOnly(topic, Set.of(first.sha256(), second.sha256()))).isZero();
        PulsarPackage third = publisher.publish(topic, jar("third", 3));
        assertThat(keeperBacklog(topic)).isEqualTo(3 * perVersion);

        int dropped = retention.keepOnly(topic, Set.of(second.sha256(), third.sha256()));

        assertThat(dropped).isEqualTo(1);
        assertThat(keeperBacklog(topic)).as("the oldest version's chunks left the keeper's backlog")
                .isEqualTo(2 * perVersion);
        await().atMost(WAIT).untilAsserted(() -> assertThat(PackageDigests.on(pulsar.client(), topic))
                .as("what a replica fetching from the earliest message can still find")
                .containsExactly(second.sha256(), third.sha256()));
    }

    @Test
    void theSameJarUploadedAgainIsKeptOnce() throws Exception {
        String topic = pulsar.uniqueTopic("package-again");
        PulsarPackage jar = publisher.publish(topic, jar("same", 7));
        retention.keepOnly(topic, Set.of(jar.sha256()));
        PulsarPackage other = publisher.publish(topic, jar("other", 8));
        retention.keepOnly(topic, Set.of(jar.sha256(), other.sha256()));
        publisher.publish(topic, jar("same", 7));

        int dropped = retention.keepOnly(topic, Set.of(other.sha256(), jar.sha256()));

        assertThat(dropped).as("the older copy of the same bytes").isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(PackageDigests.on(pulsar.client(), topic))
                .containsExactly(other.sha256(), jar.sha256()));
    }

    @Test
    void deletingThePackageTopicRemovesEveryVersionAndAMissingTopicIsNoError() throws Exception {
        String topic = pulsar.uniqueTopic("package-delete");
        publisher.publish(topic, jar("deleted", 4));
        PulsarPackageTopics topics = new PulsarPackageTopics(pulsar.admin());

        topics.delete(topic);
        topics.delete(topic);

        assertThat(pulsar.admin().topics().getList("public/default")).doesNotContain(topic);
    }

    private Path jar(String name, long seed) throws Exception {
        byte[] bytes = new byte[JAR_BYTES];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name + ".jar"), bytes);
    }

    private long keeperBacklog(String topic) throws PulsarAdminException {
        return pulsar.admin().topics().getStats(topic).getSubscriptions().get(PulsarPackage.KEEPER_SUBSCRIPTION)
                .getMsgBacklog();
    }

    /** Every package message the topic still stores, read from its first message as replicas do. */
}
