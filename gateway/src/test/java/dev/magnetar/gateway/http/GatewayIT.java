package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.gateway.reply.RequestReplyClient;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway in a real Micronaut server against the embedded broker, with {@link Responder}
 * standing in for a function's replicas.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX_PENDING = 3;
    private static final int MAX_BODY_BYTES = 1024;

    private final EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
    private final String input = pulsar.uniqueTopic("gateway-in");
    private final HttpClient http = HttpClient.newHttpClient();
    private Responder responder;

    @Inject
    EmbeddedServer server;
    @Inject
    TestFunctionDirectory directory;
    @Inject
    RequestReplyClient requestReply;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "magnetar.pulsar.service-url", pulsar.serviceUrl(),
                "magnetar.pulsar.admin-url", pulsar.adminUrl(),
                "magnetar.gateway.max-pending", Integer.toString(MAX_PENDING),
                "magnetar.gateway.max-body-bytes", Integer.toString(MAX_BODY_BYTES),
                // Lower than max-body-bytes on purpose: the gateway must raise it, not be pre-empted by it.
                "micronaut.server.max-request-size", "512",
                TestFunctionDirectory.ENABLED, "true");
    }

    @BeforeAll
    void startResponder() throws Exception {
        directory.add(TestFunctionDirectory.function("public", "default", "echo", input, 10_000));
        responder = Responder.start(pulsar.client(), input);
    }

    @AfterAll
    void stopResponder() {
        responder.close();
    }

    @Test
    void okReplyIs200WithTheOutputAndItsContentType() throws Exception {
        HttpResponse<String> response = post("echo", "hello", Map.of(
                "Content-Type", "text/plain", "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("HELLO");
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Responder.CONTENT_TYPE);
        Map<String, String> request = responder.lastRequestProperties();
        assertThat(request).containsEntry(MessageProperties.CONTENT_TYPE, "text/plain")
                .containsEntry(MessageProperties.REPLY_TO, requestReply.replyTopic())
                .containsEntry(MessageProperties.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .containsKey(MessageProperties.CORRELATION_ID);
        long deadline = Long.parseLong(request.get(MessageProperties.DEADLINE));
        assertThat(deadline - System.currentTimeMillis()).isBetween(1L, 10_000L);
    }

    @Test
    void aBodyBetweenMicronautsDefaultLimitAndOursIsAccepted() throws Exception {
        HttpResponse<String> response = post("echo", "x".repeat(800), Map.of("Content-Type", "text/plain"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("X".repeat(800));
    }

    @Test
    void jsonAndEmptyBodiesArePassedThroughAsBytes() throws Exception {
        HttpResponse<String> json = post("echo", "{\"a\":1}", Map.of("Content-Type", "application/json"));

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("{\"A\":1}");
        assertThat(responder.lastRequestProperties()).containsEntry(MessageProperties.CONTENT_TYPE, "application/json");

        HttpResponse<String> empty = post("echo", "", Map.of());

        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
    }

    @Test
    void anInvalidTimeoutHeaderIs400NamingTheHeader() throws Exception {
        HttpResponse<String> response = post("echo", "hello", Map.of(InvocationTimeout.HEADER, "soon"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(InvocationTimeout.HEADER).contains("'soon'");
    }

    @Test
    void functionErrorIs500WithItsMessage() throws Exception {
        HttpResponse<String> response = post("echo", "boom", Map.of());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("function public/default/echo failed: " + Responder.BOOM_ERROR);
    }

    @Test
    void noReplyBeforeTheDeadlineIs504AndFreesTheSlot() throws Exception {
        HttpResponse<String> response = post("echo", "slow", Map.of(InvocationTimeout.HEADER, "300"));

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("did not reply within 300 ms");
        await().atMost(WAIT).until(() -> requestReply.pendingCount() == 0);
    }

    @Test
    void unknownFunctionIs404() throws Exception {
        HttpResponse<String> response = post("nope", "hello", Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"reason\":\"function public/default/nope not found\"}");
    }

    @Test
    void bodyOverTheLimitIs413NamingTheLimit() throws Exception {
        HttpResponse<String> response = post("echo", "x".repeat(MAX_BODY_BYTES + 1), Map.of());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("limit of " + MAX_BODY_BYTES + " bytes")
                .contains("magnetar.gateway.max-body-bytes");
    }

    @Test
    void tooManyWaitingIs429WithRetryAfterAndTheTableEmptiesAfterTimeouts() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> held = new java.util.ArrayList<>();
        for (int i = 0; i < MAX_PENDING; i++) {
            held.add(postAsync("echo", "slow", Map.of(InvocationTimeout.HEADER, "3000")));
        }
        await().atMost(WAIT).until(() -> requestReply.pendingCount() == MAX_PENDING);

        HttpResponse<String> refused = post("echo", "hello", Map.of());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("magnetar.gateway.max-pending=" + MAX_PENDING);
        for (CompletableFuture<HttpResponse<String>> call : held) {
            assertThat(call.get().statusCode()).isEqualTo(504);
        }
        await().atMost(WAIT).until(() -> requestReply.pendingCount() == 0);
        assertThat(post("echo", "again", Map.of()).body()).isEqualTo("AGAIN");
    }

    private HttpResponse<String> post(String name, String body, Map<String, String> headers) throws Exception {
        return postAsync(name, body, headers).get();
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String name, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/function/public/default/" + name))
                .timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
