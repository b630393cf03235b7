package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.ClusterAccessFunction;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A function's own way to the cluster, in a replica as production runs it: {@code Context.getPulsarAdmin()} talks to
 * the admin URL the replica was started with, carrying the function's own token and no other, and
 * {@code Context.getPulsarClientBuilder()} builds a client that reaches the broker.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class ClusterAccessIT {

    private Function function(String prefix) {
        return Definitions.define(Inputs.uniqueName(prefix), ClusterAccessFunction.class, FixtureJar.path(),
                "persistent://public/default/" + Inputs.uniqueName(prefix + "-in"), null);
    }

    @Test
    void theAdminClientListsTopicsAndTheClientBuilderPublishes(EmbeddedPulsar pulsar) throws Exception {
        String existing = pulsar.uniqueTopic("cluster-access-seen");
        try (Producer<String> producer = Inputs.producer(pulsar, existing)) {
            producer.send("here");
        }
        String target = pulsar.uniqueTopic("cluster-access-sent");
        try (Consumer<byte[]> sent = pulsar.client().newConsumer().topic(target).subscriptionName("check")
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             ReplicaProcess replica = ReplicaProcess.launch(function("cluster-access"), pulsar.serviceUrl(), 0,
                     ReplicaProcess.freePort(), List.of("--pulsar-admin-url", pulsar.adminUrl())).awaitReady()) {
            HttpResponse<String> topics = replica.post("/invoke", "topics public/default");
            assertThat(topics.statusCode()).as(topics.body()).isEqualTo(200);
            assertThat(topics.body().split(",")).contains(existing);

            HttpResponse<String> published = replica.post("/invoke", "send " + target + " from the function");
            assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
            Message<byte[]> message = sent.receive(30, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(new String(message.getValue(), StandardCharsets.UTF_8)).isEqualTo("from the function");
        }
    }

    @Test
    void theAdminClientCarriesTheFunctionsOwnToken(EmbeddedPulsar pulsar) throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        admin.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "[\"persistent://public/default/listed\"]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        admin.start();
        String adminUrl = "http://127.0.0.1:" + admin.getAddress().getPort();
        try (ReplicaProcess replica = ReplicaProcess.launch(function("cluster-token"), pulsar.serviceUrl(), 0,
                ReplicaProcess.freePort(), List.of("--pulsar-admin-url", adminUrl, "--pulsar-auth-token",
                        "the-functions-own-token")).awaitReady()) {
            HttpResponse<String> topics = replica.post("/invoke", "topics public/default");
            assertThat(topics.statusCode()).as(topics.body()).isEqualTo(200);
            assertThat(topics.body()).isEqualTo("persistent://public/default/listed");
            assertThat(authorizations).isNotEmpty().allSatisfy(header ->
                    assertThat(header).isEqualTo("Bearer the-functions-own-token"));
        } finally {
            admin.stop(0);
        }
    }

    @Test
    void withoutAnAdminUrlTheFunctionIsToldWhatIsMissing(EmbeddedPulsar pulsar) throws Exception {
        try (ReplicaProcess replica = ReplicaProcess.launch(function("cluster-none"), pulsar.serviceUrl(), 0,
                ReplicaProcess.freePort()).awaitReady()) {
            HttpResponse<String> topics = replica.post("/invoke", "topics public/default");
            assertThat(topics.statusCode()).isEqualTo(500);
            assertThat(topics.body()).contains("Context.getPulsarAdmin", "--pulsar-admin-url", "MAGNETAR_PULSAR_ADMIN_URL");
        }
    }
}
