package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.SubscriptionSpec;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.JitterFunction;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.BatcherBuilder;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * Key_Shared with many invocations in flight per replica (the function takes 0-3 ms of random work, concurrency 8, so
 * it finishes them out of order) while the replicas scale 2 → 4 → 2 under a steady stream: the keys move between
 * replicas, and the messages of each key still come out in order, each once.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class KeySharedOrderIT {
    private static final int KEYS = 16;
    private static final int CONCURRENCY = 8;
    /** Outputs to wait for between the steps, so each step lands in a flowing stream. */
    private static final int STEP = 2_000;

    @Test
    void keepsPerKeyOrderWhileReplicasScaleUpAndDown(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("keyed-in");
        String out = pulsar.uniqueTopic("keyed-out");
        Function function = Definitions.define(Inputs.uniqueName("keyed"), JitterFunction.class, FixtureJar.path(), in, out);
        function.getSpec().setSubscription(new SubscriptionSpec(null, SubscriptionType.Key_Shared, null));
        function.getSpec().setConcurrency(CONCURRENCY);

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess first = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0);
             ReplicaProcess second = ReplicaProcess.launch(function, pulsar.serviceUrl(), 1);
             Producer<String> producer = keyBatchingProducer(pulsar, in)) {
            first.awaitReady();
            second.awaitReady();
            KeyedStream stream = new KeyedStream(producer);
            CompletableFuture<Void> streaming = CompletableFuture.runAsync(stream, runnable -> new Thread(runnable).start());

            await().atMost(Duration.ofMinutes(1)).until(() -> output.distinct() >= STEP);
            try (ReplicaProcess third = ReplicaProcess.launch(function, pulsar.serviceUrl(), 2);
                 ReplicaProcess fourth = ReplicaProcess.launch(function, pulsar.serviceUrl(), 3)) {
                third.awaitReady();
                fourth.awaitReady();
                int seenAtScaleUp = output.distinct();

                // Scale down by the first two: the keys they held move to the replicas that joined.
                await().atMost(Duration.ofMinutes(1)).until(() -> output.distinct() >= seenAtScaleUp + STEP);
                CompletableFuture<Integer> firstExit = first.sigterm();
                CompletableFuture<Integer> secondExit = second.sigterm();
                assertThat(List.of(firstExit.get(1, TimeUnit.MINUTES), secondExit.get(1, TimeUnit.MINUTES)))
                        .as("exit codes after SIGTERM").containsOnly(0);
                int seenAtScaleDown = output.distinct();
                await().atMost(Duration.ofMinutes(1)).until(() -> output.distinct() >= seenAtScaleDown + STEP);

                stream.stop();
                streaming.join();
                await().atMost(Duration.ofMinutes(1)).until(() -> output.distinct() == stream.published());
                double byJoined = third.metric("magnetar_messages_processed_total")
                        + fourth.metric("magnetar_messages_processed_total");
                System.out.printf("KeySharedOrderIT: %d messages of %d keys, replicas 2 -> 4 -> 2; the two that joined"
                        + " processed %.0f; %d duplicates%n", stream.published(), KEYS, byJoined, output.duplicates());
                assertThat(byJoined).as("the joined replicas' share").isPositive();
            }
            assertInOrderPerKey(output.inArrivalOrder(), stream.rounds());
        }
    }

    /** Each key's sequence numbers come out strictly rising (so also once each) and complete. */
    private static void assertInOrderPerKey(List<String> arrivals, int rounds) {
        Map<String, Integer> lastSeq = new HashMap<>();
        for (String value : arrivals) {
            String key = value.substring(0, value.indexOf(':'));
            int seq = Integer.parseInt(value.substring(value.indexOf(':') + 1));
            assertThat(seq).as("order of key " + key).isGreaterThan(lastSeq.getOrDefault(key, -1));
            lastSeq.put(key, seq);
        }
        assertThat(lastSeq).hasSize(KEYS).allSatisfy((key, last) -> assertThat(last).isEqualTo(rounds - 1));
    }

    /**
     * A batch goes to the consumer of its key, so a Key_Shared producer batches by key (as Pulsar asks): a batch of
     * mixed keys would take some keys' messages to another replica than the rest of theirs.
     */
    private static Producer<String> keyBatchingProducer(EmbeddedPulsar pulsar, String topic) throws PulsarClientException {
        return pulsar.client().newProducer(Schema.STRING).topic(topic).batcherBuilder(BatcherBuilder.KEY_BASED)
                .batchingMaxPublishDelay(1, TimeUnit.MILLISECONDS).blockIfQueueFull(true).create();
    }

    /** Round after round of every key, at a steady pace, until stopped: the steps above land in a flowing stream. */
    private static final class KeyedStream implements Runnable {
        private static final long ROUND_PAUSE_MS = 10;
        private final Producer<String> producer;
        private volatile boolean running = true;
        private volatile int rounds;

        KeyedStream(Producer<String> producer) {
            this.producer = producer;
        }

        @Override
        public void run() {
            try {
                while (running) {
                    for (int key = 0; key < KEYS; key++) {
                        producer.newMessage().key("k" + key).value("k" + key + ":" + rounds).sendAsync();
                    }
                    producer.flush();
                    rounds++;
                    Thread.sleep(ROUND_PAUSE_MS);
                }
            } catch (Exception e) {
                throw new IllegalStateException("publishing the stream failed", e);
            }
        }

        void stop() {
            running = false;
        }

        int rounds() {
            return rounds;
        }

        int published() {
            return rounds * KEYS;
        }
    }
}
