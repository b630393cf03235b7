package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.naming.ResolvedFunction;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import dev.magnetar.bridge.testing.EmbeddedPulsar;
import dev.magnetar.bridge.testing.EmbeddedPulsarExtension;
import dev.magnetar.runtime.context.ContextResources;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.loading.LoadedFunction;
import dev.magnetar.runtime.loop.FunctionLoop;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import dev.magnetar.runtime.publish.Publisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A backlog of large messages drains without a failed send: the outputs of the unsettled inputs fit the Pulsar
 * client's send buffer (64 MB by default, as a replica's client has it), which fails a send when full instead of
 * waiting. Before the replica bounded its unsettled bytes, such a drain failed hundreds of sends.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class LargeMessageDrainIT {
    private static final int MESSAGES = 600;
    private static final int BYTES = 200 * 1024;

    public static final class Identity implements java.util.function.Function<byte[], byte[]> {
        @Override
        public byte[] apply(byte[] input) {
            return input;
        }
    }

    @Test
    void aBacklogOfLargeMessagesDrainsWithoutAFailedSend(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("large-in");
        String out = pulsar.uniqueTopic("large-out");
        var definition = Definitions.define("large", Identity.class, Path.of("/unused.jar"), in, out);
        ResolvedFunction function = ResolvedFunction.of(definition);
        RuntimeMetrics metrics = new RuntimeMetrics(function.fqfn(), 0);
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.serviceUrl()).build();
             Consumer<byte[]> consumer = client.newConsumer(Schema.BYTES).topic(in)
                     .subscriptionName(function.subscriptionName()).subscriptionType(SubscriptionType.Shared)
                     .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             Publisher publisher = Publisher.forReplica(client, out, true)) {
            fill(pulsar, in);
            publisher.start().join();
            ContextResources resources = new ContextResources(function, "0", 0, client, publisher, metrics,
                    LoggerFactory.getLogger("large"), Map.of(), e -> { });
            FunctionInvoker invoker = new FunctionInvoker(LoadedFunction.wrap(new Identity(), getClass().getClassLoader()),
                    resources, workers, 10_000);
            FunctionLoop loop = new FunctionLoop(consumer, invoker, publisher, metrics, function, e -> { });
            loop.start();
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> pulsar.admin().topics().getStats(in).getSubscriptions()
                        .get(function.subscriptionName()).getMsgBacklog() == 0);
            } finally {
                loop.stop(Duration.ofSeconds(10));
                workers.shutdownNow();
            }
        }
        ReplicaStatusReport report = metrics.activity().report();
        assertThat(report.latestSystemExceptions()).as("no send failed").isEmpty();
        assertThat(report.processed()).as("each message processed once, none redelivered").isEqualTo(MESSAGES);
        assertThat(pulsar.admin().topics().getStats(out).getMsgInCounter()).isEqualTo(MESSAGES);
    }

    private static void fill(EmbeddedPulsar pulsar, String topic) throws Exception {
        byte[] body = new byte[BYTES];
        try (Producer<byte[]> producer = pulsar.client().newProducer(Schema.BYTES).topic(topic)
                .enableBatching(false).blockIfQueueFull(true).create()) {
            for (int i = 0; i < MESSAGES; i++) {
                Arrays.fill(body, (byte) ('a' + i % 26));
                producer.sendAsync(body.clone());
            }
            producer.flush();
        }
    }
}
