package dev.magnetar.controlplane.api.pulsar.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.TypedMessageBuilder;
import org.apache.pulsar.common.policies.data.FunctionStatus;
import org.awaitility.Awaitility;

/**
 * One deployed example as a Pulsar user meets it: its topics, a plain producer to feed it, plain consumers to read
 * what it wrote, and Pulsar's admin client (pointed at Magnetar) for its status and state.
 *
 * @param name   the function's name in {@code public/default}
 * @param input  its input topic
 * @param output its output topic
 * @param side   the other topic it writes to, when it has one: the topic it publishes to, its log topic or its
 *               dead-letter topic
 */
public record ExampleRun(String name, String input, String output, String side, PulsarClient client,
                         PulsarAdmin admin) {
    /** How long a first output may take: every example's replica JVM starts at once on a small machine. */
    static final Duration FIRST_OUTPUT = Duration.ofSeconds(150);

    @FunctionalInterface
    public interface Step {
        void run(ExampleRun run) throws Exception;
    }

    @FunctionalInterface
    public interface MessageSetup<T> {
        void apply(TypedMessageBuilder<T> message);
    }

    @SafeVarargs
    public final <T> void send(Schema<T> schema, T... values) throws Exception {
        try (Producer<T> producer = client.newProducer(schema).topic(input).enableBatching(false).create()) {
            for (T value : values) {
                producer.send(value);
            }
        }
    }

    public <T> void send(Schema<T> schema, T value, MessageSetup<T> setup) throws Exception {
        try (Producer<T> producer = client.newProducer(schema).topic(input).enableBatching(false).create()) {
            TypedMessageBuilder<T> message = producer.newMessage().value(value);
            setup.apply(message);
            message.send();
        }
    }

    /** The first {@code count} messages of {@code topic}, read from its beginning. */
    public <T> List<Message<T>> receive(String topic, Schema<T> schema, int count) throws Exception {
        return receiveUntil(topic, schema, got -> got.size() >= count);
    }

    /** The messages of {@code topic} from its beginning until {@code enough} holds of them. */
    public <T> List<Message<T>> receiveUntil(String topic, Schema<T> schema, Predicate<List<Message<T>>> enough)
            throws Exception {
        List<Message<T>> got = new ArrayList<>();
        long deadline = System.nanoTime() + FIRST_OUTPUT.toNanos();
        try (Consumer<T> consumer = subscribe(topic, schema)) {
            while (!enough.test(got)) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("%s: %d messages on %s so far, %s", name, got.size(), topic, values(got))
                        .isPositive();
                Message<T> message = consumer.receive((int) Math.min(left / 1_000_000, 1000), TimeUnit.MILLISECONDS);
                if (message != null) {
                    got.add(message);
                }
            }
        }
        return got;
    }

    public <T> List<T> values(String topic, Schema<T> schema, int count) throws Exception {
        return values(receive(topic, schema, count));
    }

    /** Nothing more than {@code count} messages on {@code topic} within a short while. */
    public void assertNoMoreThan(String topic, int count) throws Exception {
        try (Consumer<byte[]> consumer = subscribe(topic, Schema.BYTES)) {
            List<Message<byte[]>> got = new ArrayList<>();
            Message<byte[]> message;
            while ((message = consumer.receive(1, TimeUnit.SECONDS)) != null) {
                got.add(message);
            }
            assertThat(got).as("%s: messages on %s", name, topic).hasSizeLessThanOrEqualTo(count);
        }
    }

    public FunctionStatus status() throws Exception {
        return admin.functions().getFunctionStatus("public", "default", name);
    }

    /** Waits until the replicas processed {@code count} messages without an error. */
    public void awaitProcessed(long count) {
        await(() -> status().getInstances().stream()
                .mapToLong(i -> i.getStatus().getNumSuccessfullyProcessed()).sum() >= count);
    }

    /** Messages the function's instances processed successfully, as {@code functions status} counts them. */
    public long processed() throws Exception {
        return status().getInstances().stream().mapToLong(i -> i.getStatus().getNumSuccessfullyProcessed()).sum();
    }

    /** Waits until the function raised at least one user exception, and answers the latest one's text. */
    public String awaitUserException() {
        await(() -> status().getInstances().stream()
                .anyMatch(i -> !i.getStatus().getLatestUserExceptions().isEmpty()));
        try {
            return status().getInstances().stream()
                    .flatMap(i -> i.getStatus().getLatestUserExceptions().stream())
                    .map(e -> e.getExceptionString())
                    .findFirst().orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A counter of the function's state, as {@code pulsar-admin functions querystate} reads it; -1 while unset. */
    public long counter(String key) {
        try {
            Long value = admin.functions().getFunctionState("public", "default", name, key).getNumberValue();
            return value == null ? -1 : value;
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Waits until the function's stats show {@code name} recorded {@code count} times, adding up to {@code sum}, with
     * the quantiles Pulsar's stats show beside them.
     */
    public void awaitUserMetric(String name, double sum, double count) {
        await(() -> {
            Map<String, Double> metrics = admin.functions().getFunctionStats("public", "default", this.name)
                    .getInstances().get(0).getMetrics().getUserMetrics();
            String prefix = "user_metric_" + name + "_";
            return Double.valueOf(sum).equals(metrics.get(prefix + "sum"))
                    && Double.valueOf(count).equals(metrics.get(prefix + "count"))
                    && Stream.of("0.5", "0.9", "0.99", "0.999").allMatch(q -> metrics.get(prefix + q) != null
                            && metrics.get(prefix + q) > 0 && metrics.get(prefix + q) <= sum);
        });
    }

    /** The lines of the log topic, until one holds {@code text}: Pulsar writes them as bytes, without a schema. */
    public List<String> logLinesUntil(String text) throws Exception {
        return receiveUntil(side, Schema.BYTES, got -> got.stream()
                .anyMatch(m -> new String(m.getValue(), StandardCharsets.UTF_8).contains(text)))
                .stream().map(m -> new String(m.getValue(), StandardCharsets.UTF_8)).toList();
    }

    public void awaitCounter(String key, long expected) {
        await(() -> counter(key) == expected);
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(FIRST_OUTPUT).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(condition);
    }

    private <T> Consumer<T> subscribe(String topic, Schema<T> schema) throws Exception {
        return client.newConsumer(schema).topic(topic).subscriptionName("check-" + System.nanoTime())
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
    }

    private static <T> List<T> values(List<Message<T>> messages) {
        return messages.stream().map(Message::getValue).toList();
    }
}
