package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.WindowSpec;
import dev.magnetar.runtime.fixtures.AtTimestamp;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.JoinCollectionFunction;
import dev.magnetar.runtime.fixtures.JoinWindowFunction;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import java.util.List;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.common.schema.SchemaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Window functions on a real replica and broker: each window's result reaches the output topic with the output schema,
 * late messages their topic with the input schema, and the inputs stay in the subscription's backlog until they leave
 * their window.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class WindowFunctionIT {
    /** Long enough that the backlog is read well before the next window fires, also on a busy machine. */
    private static final long WINDOW_MS = 6_000;

    private static Function windowed(EmbeddedPulsar pulsar, String name, Class<?> type, WindowSpec window,
                                     String in, String out) {
        Function function = Definitions.define(Inputs.uniqueName(name), type, FixtureJar.path(), in, out);
        function.getSpec().setWindow(window);
        return function;
    }

    @Test
    void aCountWindowPublishesEveryThreeMessagesAndAcksThemWhenTheyLeave(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("count-window-in");
        String out = pulsar.uniqueTopic("count-window-out");
        Function function = windowed(pulsar, "count-window", JoinWindowFunction.class,
                new WindowSpec(3, null, null, null, null, null, null, null, null), in, out);
        String subscription = ResolvedFunction.of(function).subscriptionName();

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            producer.send("a");
            producer.send("b");
            Thread.sleep(500);
            assertThat(output.total()).as("two of three: no window yet").isZero();
            producer.send("c");
            await().atMost(Duration.ofSeconds(20)).until(() -> output.total() == 1);
            assertThat(output.inArrivalOrder()).containsExactly("a,b,c");
            assertThat(pulsar.admin().schemas().getSchemaInfo(out).getType()).as("the output schema of a String result")
                    .isEqualTo(SchemaType.STRING);
            assertThat(Inputs.backlog(pulsar, in, subscription)).as("in the window: not acked").isEqualTo(3);

            for (String value : List.of("d", "e", "f")) {
                producer.send(value);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> output.total() == 2);
            assertThat(output.inArrivalOrder()).containsExactly("a,b,c", "d,e,f");
            // a, b and c left the window when the next one fired; d, e and f are held until the one after.
            await().atMost(Duration.ofSeconds(20)).until(() -> Inputs.backlog(pulsar, in, subscription) == 3);
            assertThat(replica.metric("magnetar_messages_in_flight")).isEqualTo(3);
        }
    }

    @Test
    void aTimeWindowPublishesWhatArrivedInItsIntervalAndAcksItAfterwards(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("time-window-in");
        String out = pulsar.uniqueTopic("time-window-out");
        Function function = windowed(pulsar, "time-window", JoinCollectionFunction.class,
                new WindowSpec(null, WINDOW_MS, null, null, null, null, null, null, null), in, out);
        String subscription = ResolvedFunction.of(function).subscriptionName();

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            producer.send("x");
            producer.send("y");
            producer.send("z");
            await().atMost(Duration.ofSeconds(30)).until(() -> output.total() == 1);
            assertThat(output.inArrivalOrder()).containsExactly("x,y,z");
            assertThat(Inputs.backlog(pulsar, in, subscription)).as("held until the next window fires").isEqualTo(3);

            // The next interval expires them: acked, and no empty window is published.
            await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.backlog(pulsar, in, subscription) == 0);
            assertThat(output.total()).isEqualTo(1);
            assertThat(replica.metric("magnetar_messages_processed_total")).as("each message taken, as Pulsar counts")
                    .isEqualTo(3);
        }
    }

    @Test
    void anEventTimeWindowFollowsTheWatermarkAndSendsLateMessagesToTheLateTopic(EmbeddedPulsar pulsar)
            throws Exception {
        String in = pulsar.uniqueTopic("event-window-in");
        String out = pulsar.uniqueTopic("event-window-out");
        String late = pulsar.uniqueTopic("event-window-late");
        Function function = windowed(pulsar, "event-window", JoinWindowFunction.class,
                new WindowSpec(null, 1_000L, null, null, late, 0L, 100L, AtTimestamp.class.getName(), null), in, out);
        String subscription = ResolvedFunction.of(function).subscriptionName();

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             OutputCollector lateOutput = OutputCollector.on(pulsar.client(), late);
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            producer.send("a@1000");
            producer.send("b@1500");
            producer.send("c@2500");
            // The watermark reaches 2500: the windows ending at 1000 and 2000 fire; c waits for the one ending at 3000.
            await().atMost(Duration.ofSeconds(20)).until(() -> output.total() == 2);
            assertThat(output.inArrivalOrder()).containsExactly("a@1000", "b@1500");

            producer.send("late@1200");
            await().atMost(Duration.ofSeconds(20)).until(() -> lateOutput.total() == 1);
            assertThat(lateOutput.inArrivalOrder()).containsExactly("late@1200");
            assertThat(pulsar.admin().schemas().getSchemaInfo(late).getType()).as("as it came: with the input schema")
                    .isEqualTo(SchemaType.STRING);
            // a left its window (acked), the late one is acked once stored on the late topic; b and c are held.
            await().atMost(Duration.ofSeconds(20)).until(() -> Inputs.backlog(pulsar, in, subscription) == 2);
            assertThat(output.total()).isEqualTo(2);
            assertThat(replica.metric("magnetar_messages_processed_total")).as("the late one too").isEqualTo(4);
        }
    }
}
