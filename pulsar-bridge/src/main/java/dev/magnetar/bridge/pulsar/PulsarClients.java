package dev.magnetar.bridge.pulsar;

import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminBuilder;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.ProducerBuilder;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.PulsarClientException;

/**
 * Builds the shaded Pulsar client and admin client from a {@link PulsarConnection}, with the
 * settings Magnetar relies on everywhere (token or client certificate, TLS trust, bounded timeouts,
 * low-latency sends). Contradicting or unreadable TLS settings fail here, naming the setting.
 */
public final class PulsarClients {
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    static final int OPERATION_TIMEOUT_SECONDS = 30;
    static final int ADMIN_READ_TIMEOUT_SECONDS = 30;
    static final int ADMIN_REQUEST_TIMEOUT_SECONDS = 60;
    static final int SEND_TIMEOUT_SECONDS = 30;

    private PulsarClients() {
    }

    /** A client for {@code connection.serviceUrl()}; it connects lazily, on first use. */
    public static PulsarClient client(PulsarConnection connection) {
        requireUrl(connection.serviceUrl(), PulsarConfig.PREFIX + ".service-url");
        PulsarSecurity.check(connection);
        ClientBuilder builder = PulsarClient.builder()
                .serviceUrl(connection.serviceUrl())
                .connectionTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .operationTimeout(OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                // Request/reply latency is dominated by small messages: never wait for Nagle.
                .enableTcpNoDelay(true);
        PulsarSecurity.apply(builder, connection);
        try {
            return builder.build();
        } catch (PulsarClientException e) {
            throw new IllegalArgumentException("cannot create a Pulsar client for " + PulsarConfig.PREFIX
                    + ".service-url=" + connection.serviceUrl() + ": " + e.getMessage()
                    + " (use pulsar://host:port or pulsar+ssl://host:port)", e);
        }
    }

    /** An admin client for {@code connection.adminUrl()}; it connects lazily, on first use. */
    public static PulsarAdmin admin(PulsarConnection connection) {
        requireUrl(connection.adminUrl(), PulsarConfig.PREFIX + ".admin-url");
        PulsarSecurity.check(connection);
        PulsarAdminBuilder builder = PulsarAdmin.builder()
                .serviceHttpUrl(connection.adminUrl())
                .connectionTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .readTimeout(ADMIN_READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .requestTimeout(ADMIN_REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        PulsarSecurity.apply(builder, connection);
        try {
            return builder.build();
        } catch (PulsarClientException e) {
            throw new IllegalArgumentException("cannot create a Pulsar admin client for " + PulsarConfig.PREFIX
                    + ".admin-url=" + connection.adminUrl() + ": " + e.getMessage()
                    + " (use http://host:port or https://host:port)", e);
        }
    }

    /**
     * A producer for request traffic: each request leaves at once (no batching), and it fails fast
     * instead of blocking when its queue is full. A request/reply call is latency-bound: with
     * batching, a lone request waits out the whole batching delay, which is most of a sequential
     * round trip on a broker nearby. The price is one write per request, more CPU per call under
     * load; batching pays off only for many concurrent callers on one topic (docs/performance.md).
     */
    public static ProducerBuilder<byte[]> lowLatencyProducer(PulsarClient client, String topic) {
        return lowLatencyProducer(client, topic, Schema.BYTES);
    }

    /** The same, for bytes sent as {@code schema} has them (e.g. {@code Schema.AUTO_PRODUCE_BYTES(...)}). */
    public static ProducerBuilder<byte[]> lowLatencyProducer(PulsarClient client, String topic, Schema<byte[]> schema) {
        return client.newProducer(schema)
                .topic(topic)
                .enableBatching(false)
                .blockIfQueueFull(false)
                .sendTimeout(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void requireUrl(String url, String key) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(key + " is empty: set it to the Pulsar cluster's URL");
        }
    }
}
