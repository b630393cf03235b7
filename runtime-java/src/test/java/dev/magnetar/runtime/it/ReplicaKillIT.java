package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * At-least-once when a replica dies: SIGKILL one of two replicas in the middle of a 20,000-message
 * stream; every input still comes out (the dead replica's unacked messages go to the survivor).
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class ReplicaKillIT {
    private static final int MESSAGES = 20_000;
    private static final int CHUNK = 1_000;

    @Test
    void nothingIsLostWhenAReplicaIsKilled(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("kill-in");
        String out = pulsar.uniqueTopic("kill-out");
        Function function = Definitions.define(Inputs.uniqueName("kill"), Definitions.EXCLAMATION_CLASS,
                Definitions.exclamationJar(), in, out);
        function.getSpec().setReplicas(2);
        String subscription = ResolvedFunction.of(function).subscriptionName();

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess victim = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0);
             ReplicaProcess survivor = ReplicaProcess.launch(function, pulsar.serviceUrl(), 1);
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            victim.awaitReady();
            survivor.awaitReady();
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> publishInChunks(producer));

            // Kill once the victim is busy and a good part of the stream is still to come.
            await().atMost(Duration.ofMinutes(1)).until(() -> output.distinct() >= MESSAGES / 8);
            double victimProcessed = victim.metric("magnetar_messages_processed_total");
            victim.kill();
            int seenAtKill = output.distinct();
            assertThat(stream).as("the stream was still running at the kill").isNotDone();

            stream.join();
            await().atMost(Duration.ofMinutes(2)).until(() -> output.distinct() == MESSAGES);
            List<String> expected = IntStream.range(0, MESSAGES).mapToObj(i -> "m-" + i + "!").toList();
            assertThat(output.values()).containsAll(expected);
            await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.backlog(pulsar, in, subscription) == 0);
            System.out.printf("ReplicaKillIT: killed replica 0 (pid %d) after %.0f processed, %d outputs seen; survivor"
                    + " processed %.0f; %d outputs for %d inputs: %d duplicates, 0 lost%n", victim.pid(), victimProcessed,
                    seenAtKill, survivor.metric("magnetar_messages_processed_total"), output.total(), MESSAGES,
                    output.duplicates());
            assertThat(victimProcessed).as("the victim had processed a share before it died").isPositive();
        }
    }

    /** Paces the stream in chunks so the kill lands in its middle; not a timing assertion. */
    private static void publishInChunks(Producer<String> producer) {
        try {
            for (int from = 0; from < MESSAGES; from += CHUNK) {
                Inputs.publish(producer, from, from + CHUNK);
                Thread.sleep(250);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing the stream failed", e);
        }
    }
}
