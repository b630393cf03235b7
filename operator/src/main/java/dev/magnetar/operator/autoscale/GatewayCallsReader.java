package dev.magnetar.operator.autoscale;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.operator.leader.LeaderWork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the gateways report of their calls ({@link FunctionNames#gatewayCallsTopic}) into the tally, and asks the
 * autoscaler for a look at once when a call arrives, so a function at zero replicas does not wait for its backlog to
 * show. Runs in the leader only, beside the autoscaler.
 */
public final class GatewayCallsReader implements LeaderWork {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCallsReader.class);

    private final PulsarClient client;
    private final String topic;
    private final GatewayCallTally tally;
    private final Runnable lookNow;
    private final Clock clock;
    private volatile boolean running;
    private volatile Thread thread;

    public GatewayCallsReader(PulsarClient client, String tenant, String namespace, GatewayCallTally tally, Runnable lookNow,
                       Clock clock) {
        this.client = client;
        this.topic = FunctionNames.gatewayCallsTopic(tenant, namespace);
        this.tally = tally;
        this.lookNow = lookNow;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::readWhileRunning, "magnetar-gateway-calls");
        thread.setDaemon(true);
        thread.start();
    }

    private void readWhileRunning() {
        while (running) {
            try (Reader<byte[]> reader = client.newReader().topic(topic).startMessageId(MessageId.latest).create()) {
                while (running) {
                    Message<byte[]> message = reader.readNext(1, TimeUnit.SECONDS);
                    if (message != null && message.hasKey()) {
                        tally.report(message.getKey(), message.getProducerName(), count(message.getValue()),
                                clock.instant());
                        lookNow.run();
                    }
                }
            } catch (IOException e) {
                if (running) {
                    // Without the reports the autoscaler still sees every call in the backlog, a look or two later.
                    LOG.warn("Cannot read the gateways' call reports on {}, retrying in 5 s: {}", topic, e.getMessage());
                    pause();
                }
            }
        }
    }

    private static int count(byte[] value) {
        try {
            return Integer.parseInt(new String(value, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void pause() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Thread reading = thread;
        if (reading != null) {
            reading.interrupt();
        }
    }
}
