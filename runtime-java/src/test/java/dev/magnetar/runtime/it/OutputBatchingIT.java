package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.loading.LoadedFunction;
import dev.magnetar.runtime.schema.FunctionSchemas;
import dev.magnetar.runtime.publish.Publisher;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * The output's batch stays open under load and is sent as soon as the input runs dry. The batch timer is an
 * hour here, so an output arrives only because something flushed it.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class OutputBatchingIT {
    private static final Duration AN_HOUR = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    public static final class Upper implements java.util.function.Function<String, String> {
        @Override
        public String apply(String input) {
            return input.toUpperCase();
        }
    }

    @Test
    void anOpenBatchIsSentWhenFlushedAndOnlyWhenThePublisherFlushes(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("batch-in");
        String out = pulsar.uniqueTopic("batch-out");
        Message<byte[]> input = oneInput(pulsar, in);
        try (Publisher flushing = new Publisher(pulsar.client(), out, AN_HOUR, true);
             Publisher timed = new Publisher(pulsar.client(), out, AN_HOUR, false)) {
            flushing.start().join();
            timed.start().join();
            CompletableFuture<?> held = timed.output(input, Payload.encoded("held".getBytes(StandardCharsets.UTF_8), null));
            CompletableFuture<?> sent = flushing.output(input, Payload.encoded("sent".getBytes(StandardCharsets.UTF_8), null));
            assertThat(sent).as("a one-message batch waits for its timer").isNotDone();

            timed.flush();
            flushing.flush();

            await().atMost(WAIT).until(sent::isDone);
            assertThat(sent).isCompleted();
            assertThat(held).as("flush does nothing for a publisher that does not flush when idle").isNotDone();
        }
    }

    @Test
    void whileAFlushedBatchIsOnItsWayTheNextCollectsOutputsAndLeavesWhenItIsStored(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("nagle-in");
        String out = pulsar.uniqueTopic("nagle-out");
        Message<byte[]> input = oneInput(pulsar, in);
        int outputs = 200;
        try (Publisher publisher = new Publisher(pulsar.client(), out, AN_HOUR, true)) {
            publisher.start().join();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < outputs; i++) {
                // As the receiver does with an idle input: one output, then a flush.
                sent.add(publisher.output(input, Payload.encoded(("m" + i).getBytes(StandardCharsets.UTF_8), null)));
                publisher.flush();
            }

            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long entries = pulsar.admin().topics().getInternalStats(out).numberOfEntries;
            assertThat(entries).as("a put-off flush still happens (the batch timer is an hour), and batches formed")
                    .isBetween(1L, outputs / 2L);
        }
    }

    @Test
    void theLoopFlushesTheOutputWhenItsInputRunsDry(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("dry-in");
        String out = pulsar.uniqueTopic("dry-out");
        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             Publisher publisher = new Publisher(pulsar.client(), out, AN_HOUR, true,
                     FunctionSchemas.byType(LoadedFunction.wrap(new Upper(), getClass().getClassLoader())));
             InProcessLoop loop = InProcessLoop.start(pulsar.client(), publisher, "dry", new Upper(), in, out);
             Producer<String> inputs = pulsar.client().newProducer(Schema.STRING).topic(in).create()) {
            for (String word : new String[] {"one", "two", "three"}) {
                inputs.send(word);
            }
            await().atMost(WAIT).until(() -> output.distinct() == 3);
            assertThat(output.values()).containsExactlyInAnyOrder("ONE", "TWO", "THREE");
            loop.awaitDrained(pulsar, WAIT);
        }
    }

    private static Message<byte[]> oneInput(EmbeddedPulsar pulsar, String topic) throws Exception {
        try (Consumer<byte[]> consumer = pulsar.client().newConsumer(Schema.BYTES).topic(topic).subscriptionName("it")
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             Producer<byte[]> producer = pulsar.client().newProducer(Schema.BYTES).topic(topic).create()) {
            producer.newMessage().value("x".getBytes(StandardCharsets.UTF_8)).key("k").send();
            return consumer.receive();
        }
    }
}
