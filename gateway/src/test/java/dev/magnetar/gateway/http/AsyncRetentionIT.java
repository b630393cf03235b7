package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.gateway.async.AsyncCalls;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bound on kept calls against the real broker: finished calls over the count are forgotten oldest first, the rest
 * once their retention is over, by tombstones every gateway's view applies and compaction drops.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncRetentionIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int KEPT = 2;

    private final EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
    private final String input = pulsar.uniqueTopic("async-retention-in");
    private final String namespace = "async-retention-" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();
    private Responder responder;

    @Inject
    EmbeddedServer server;
    @Inject
    TestFunctionDirectory directory;
    @Inject
    AsyncCalls asyncCalls;

    @Override
    public Map<String, String> getProperties() {
        try {
            pulsar.admin().namespaces().createNamespace("public/" + namespace);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test's namespace", e);
        }
        return Map.of(
                "magnetar.pulsar.service-url", pulsar.serviceUrl(),
                "magnetar.pulsar.admin-url", pulsar.adminUrl(),
                "magnetar.gateway.reply-namespace", namespace,
                "magnetar.gateway.async.max-kept-results", Integer.toString(KEPT),
                "magnetar.gateway.async.retention", "3s",
                TestFunctionDirectory.ENABLED, "true");
    }

    @BeforeAll
    void start() throws Exception {
        directory.add(TestFunctionDirectory.function("public", "default", "echo", input, 10_000));
        responder = Responder.start(pulsar.client(), input);
        asyncCalls.ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    @Test
    void finishedCallsOverTheCountGoOldestFirstAndTheRestWhenTheirRetentionIsOver() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < KEPT + 1; i++) {
            String id = post("call-" + i);
            await().atMost(WAIT).until(() -> get(id) == 200);
            ids.add(id);
        }

        await().atMost(WAIT).until(() -> get(ids.get(0)) == 404);
        assertThat(get(ids.get(2))).isEqualTo(200);

        await().atMost(WAIT).until(() -> get(ids.get(1)) == 404 && get(ids.get(2)) == 404);
        String calls = FunctionNames.asyncCallsTopic("public", namespace);
        assertThat(pulsar.admin().topicPolicies().getCompactionThreshold(calls)).isPositive();
        await().atMost(WAIT).until(() -> pulsar.admin().topics().getSubscriptions(calls).contains("__compaction"));
    }

    private String post(String body) throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(server.getURL()
                        + "/async-function/public/default/echo")).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return accepted.headers().firstValue("X-Call-Id").orElseThrow();
    }

    private int get(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/calls/" + id)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
