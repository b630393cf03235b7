package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.PoisonFunction;
import dev.magnetar.runtime.loop.ConsumerFactory;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;


/**
 * A payload the function always throws on: at-least-once retries it with a growing back-off and then moves it to the
 * dead-letter topic, saying which function failed on it and why, while the other messages go through; at-most-once
 * drops it after the one attempt.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class PoisonMessageIT {
    private static final int MAX_REDELIVERIES = 3;
    private static final int GOOD = 50;
    private static final List<String> POISONS = List.of("poison-a", "poison-b");
    private static final long POISON_SPACING_MS = 50;

    @TempDir
    Path scratch;

    @Test
    void aPoisonMessageIsRetriedWithBackOffThenDeadLetteredWithItsErrorWhileTheRestFlows(EmbeddedPulsar pulsar)
            throws Exception {
        String in = pulsar.uniqueTopic("poison-in");
        String out = pulsar.uniqueTopic("poison-out");
        String dlq = pulsar.uniqueTopic("poison-dlq");
        Path attempts = scratch.resolve("poison-attempts");
        Function function = Definitions.define(Inputs.uniqueName("poison"), PoisonFunction.class, FixtureJar.path(), in, out);
        function.getSpec().setMaxRedeliveries(MAX_REDELIVERIES);
        function.getSpec().setDeadLetterTopic(dlq);
        function.getSpec().setUserConfig(Map.of("attemptsFile", attempts.toString()));
        ResolvedFunction resolved = ResolvedFunction.of(function);

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             Consumer<String> deadLetters = pulsar.client().newConsumer(Schema.STRING).topic(dlq)
                     .subscriptionName("it-dlq").subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            Inputs.publish(producer, 0, GOOD / 2);
            for (String poison : POISONS) {
                // Apart, so one's retries fall due while the other's wait: each must still wait its own back-off.
                producer.newMessage().key(poison).property("origin", "test").value(poison).send();
                Thread.sleep(POISON_SPACING_MS);
            }
            Inputs.publish(producer, GOOD / 2, GOOD);

            Map<String, Message<String>> dead = new HashMap<>();
            for (int i = 0; i < POISONS.size(); i++) {
                Message<String> letter = deadLetters.receive(60, TimeUnit.SECONDS);
                assertThat(letter).as("a message on the dead-letter topic " + dlq).isNotNull();
                dead.put(letter.getValue(), letter);
            }
            assertThat(dead).containsOnlyKeys(POISONS);
            for (Message<String> letter : dead.values()) {
                assertThat(letter.getKey()).isEqualTo(letter.getValue());
                assertThat(letter.getProperties()).containsEntry("origin", "test")
                        .containsEntry(MessageProperties.FUNCTION, resolved.fqfn())
                        .containsEntry(MessageProperties.ERROR,
                                "IllegalArgumentException: refusing poison payload '" + letter.getValue() + "'")
                        .containsEntry("REAL_TOPIC", in);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> output.distinct() == GOOD);
            long lastOutput = output.values().stream().mapToLong(value -> output.message(value).getPublishTime()).max()
                    .orElseThrow();
            assertThat(lastOutput).as("the messages after the poison were not held up by its retries")
                    .isLessThan(dead.values().stream().mapToLong(Message::getPublishTime).min().orElseThrow());

            Map<String, List<Long>> invocations = invocationTimes(attempts);
            assertThat(invocations).containsOnlyKeys(POISONS);
            for (String poison : POISONS) {
                List<Long> times = invocations.get(poison);
                assertThat(times).as("invocations of %s: the first delivery plus %d redeliveries", poison,
                        MAX_REDELIVERIES).hasSize(MAX_REDELIVERIES + 1);
                List<Long> gaps = IntStream.range(1, times.size()).mapToObj(i -> times.get(i) - times.get(i - 1)).toList();
                System.out.printf("PoisonMessageIT: %s invoked %d times, gaps between attempts %s ms (back-off %s ms)%n",
                        poison, times.size(), gaps, IntStream.range(0, gaps.size()).mapToObj(PoisonMessageIT::backOff).toList());
                for (int i = 0; i < gaps.size(); i++) {
                    assertThat(gaps.get(i)).as("%s: gap before redelivery %d", poison, i + 1)
                            .isGreaterThanOrEqualTo(backOff(i));
                }
            }

            assertThat(output.values()).noneMatch(value -> value.startsWith("poison"));
            assertThat(replica.metric("magnetar_messages_failed_total")).isEqualTo(POISONS.size() * (MAX_REDELIVERIES + 1));
            assertThat(replica.metric("magnetar_messages_processed_total")).isEqualTo(GOOD);
            assertThat(deadLetters.receive(1, TimeUnit.SECONDS)).as("only the poison messages are dead").isNull();
            await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.backlog(pulsar, in, resolved.subscriptionName()) == 0);
            assertThat(pulsar.admin().topics().getSubscriptions(dlq)).as("the dead letters are kept for the function")
                    .contains(resolved.subscriptionName());
        }
    }

    /** The fixture's record: per poison payload, the times (epoch ms) it was invoked, in order. */
    private static Map<String, List<Long>> invocationTimes(Path attempts) throws IOException {
        Map<String, List<Long>> times = new HashMap<>();
        for (String line : Files.readAllLines(attempts)) {
            String[] parts = line.split(" ");
            times.computeIfAbsent(parts[0], payload -> new ArrayList<>()).add(Long.parseLong(parts[1]));
        }
        return times;
    }

    /** The configured wait before redelivery {@code n + 1}: the minimum delay, doubled per redelivery before it. */
    private static long backOff(int redeliveriesBefore) {
        return ConsumerFactory.NACK_MIN_DELAY_MS * (long) Math.pow(ConsumerFactory.NACK_MULTIPLIER, redeliveriesBefore);
    }

    @Test
    void atMostOnceDropsTheFailedMessageWithoutRetry(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("amo-in");
        String out = pulsar.uniqueTopic("amo-out");
        Function function = Definitions.define(Inputs.uniqueName("amo"), PoisonFunction.class, FixtureJar.path(), in, out);
        function.getSpec().setProcessingGuarantee(ProcessingGuarantee.ATMOST_ONCE);
        String subscription = ResolvedFunction.of(function).subscriptionName();

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            producer.send("poison");
            Inputs.publish(producer, 0, 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> output.distinct() == 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.backlog(pulsar, in, subscription) == 0);
            assertThat(replica.metric("magnetar_messages_failed_total")).as("one attempt, no redelivery").isEqualTo(1);
            assertThat(replica.metric("magnetar_messages_received_total")).isEqualTo(11);
        }
    }
}
