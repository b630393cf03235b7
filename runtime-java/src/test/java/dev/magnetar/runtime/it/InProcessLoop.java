package dev.magnetar.runtime.it;

import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.runtime.context.ContextResources;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.input.SingleInput;
import dev.magnetar.runtime.invoke.FunctionInvoker;
import dev.magnetar.runtime.loading.LoadedFunction;
import dev.magnetar.runtime.loop.FunctionLoop;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import dev.magnetar.runtime.publish.Publisher;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;
import org.slf4j.LoggerFactory;

/**
 * A function's message loop in the test JVM, on the client and publisher a test chooses: subscribed to the input
 * from its start (Shared, earliest), started, and stopped on close (before the publisher closes, when it is
 * declared after it).
 */
final class InProcessLoop implements AutoCloseable {
    private final ResolvedFunction function;
    private final RuntimeMetrics metrics;
    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    private final Consumer<Object> consumer;
    private final FunctionLoop loop;

    private InProcessLoop(PulsarClient client, Publisher publisher, ResolvedFunction function, Object code)
            throws PulsarClientException {
        this.function = function;
        this.metrics = new RuntimeMetrics(function.fqfn(), 0);
        publisher.start().join();
        ContextResources resources = new ContextResources(function, "0", 0, client, publisher, metrics,
                LoggerFactory.getLogger(function.fqfn()), Map.of(), e -> { });
        FunctionInvoker invoker = new FunctionInvoker(LoadedFunction.wrap(code, getClass().getClassLoader()),
                resources, workers, 10_000);
        @SuppressWarnings("unchecked")
        Schema<Object> input = (Schema<Object>) invoker.schemas().input();
        this.consumer = client.newConsumer(input).topic(function.inputs().get(0))
                .subscriptionName(function.subscriptionName()).subscriptionType(SubscriptionType.Shared)
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
        this.loop = new FunctionLoop(new SingleInput(consumer, input), invoker, publisher, metrics, function, e -> { });
        loop.start();
    }

    /** Runs {@code code} (a function object) as function {@code name} from topic {@code in} to {@code out}. */
    static InProcessLoop start(PulsarClient client, Publisher publisher, String name, Object code, String in,
                               String out) throws PulsarClientException {
        var definition = Definitions.define(name, code.getClass(), Path.of("/unused.jar"), in, out);
        return new InProcessLoop(client, publisher, ResolvedFunction.of(definition), code);
    }

    RuntimeMetrics metrics() {
        return metrics;
    }

    /** Waits until every input message is acked. */
    void awaitDrained(EmbeddedPulsar pulsar, Duration within) {
        await().atMost(within).until(() -> pulsar.admin().topics().getStats(function.inputs().get(0)).getSubscriptions()
                .get(function.subscriptionName()).getMsgBacklog() == 0);
    }

    @Override
    public void close() throws Exception {
        try {
            loop.stop(Duration.ofSeconds(10));
        } finally {
            workers.shutdownNow();
            consumer.close();
        }
    }
}
