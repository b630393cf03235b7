package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.gateway.idempotency.IdempotencyKey;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code Idempotency-Key} on a real server against the embedded broker: a key's call runs once. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
    private final String input = pulsar.uniqueTopic("idempotent-in");
    private final HttpClient http = HttpClient.newHttpClient();
    private Responder responder;

    @Inject
    EmbeddedServer server;
    @Inject
    TestFunctionDirectory directory;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "magnetar.pulsar.service-url", pulsar.serviceUrl(),
                "magnetar.pulsar.admin-url", pulsar.adminUrl(),
                TestFunctionDirectory.ENABLED, "true",
                TestCallerFilter.ENABLED, "true");
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
    void theSameKeyTwiceInSequenceRunsOnceAndAnswersTheSame() throws Exception {
        String key = newKey();

        HttpResponse<String> first = call("/function/public/default/echo", key, "once", "alice").get();
        HttpResponse<String> repeat = call("/function/public/default/echo", key, "once", "alice").get();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("ONCE");
        assertSameAnswer(first, repeat);
        assertThat(first.headers().firstValue(Idempotency.REPLAYED_HEADER)).isEmpty();
        assertThat(repeat.headers().firstValue(Idempotency.REPLAYED_HEADER)).hasValue("true");
        assertThat(responder.timesReceived("once")).isEqualTo(1);
    }

    @Test
    void theSameKeyTwiceAtOnceRunsOnceAndTheSecondWaitsForTheFirstsAnswer() throws Exception {
        String key = newKey();

        CompletableFuture<HttpResponse<String>> first = call("/function/public/default/echo", key, "hold-at-once",
                "alice");
        await().atMost(WAIT).until(() -> responder.heldCount() == 1);
        CompletableFuture<HttpResponse<String>> second = call("/function/public/default/echo", key, "hold-at-once",
                "alice");
        Thread.sleep(500); // time for the second call to reach the gateway, which must not send it again
        assertThat(second).isNotDone();
        assertThat(responder.heldCount()).isEqualTo(1);
        responder.releaseHeld();

        assertThat(first.get().statusCode()).isEqualTo(200);
        assertThat(first.get().body()).isEqualTo("HOLD-AT-ONCE");
        assertSameAnswer(first.get(), second.get());
        assertThat(responder.timesReceived("hold-at-once")).isEqualTo(1);
    }

    @Test
    void aFunctionsFailureIsKeptAndAnsweredAgain() throws Exception {
        String key = newKey();

        HttpResponse<String> first = call("/function/public/default/echo", key, "boom", "alice").get();
        HttpResponse<String> repeat = call("/function/public/default/echo", key, "boom", "alice").get();

        assertThat(first.statusCode()).isEqualTo(500);
        assertSameAnswer(first, repeat);
        assertThat(responder.timesReceived("boom")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422NamingTheHeader() throws Exception {
        String key = newKey();
        call("/function/public/default/echo", key, "first-body", "alice").get();

        HttpResponse<String> reused = call("/function/public/default/echo", key, "second-body", "alice").get();

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.body()).contains(IdempotencyKey.HEADER, key, "different request");
        assertThat(responder.timesReceived("second-body")).isZero();
    }

    @Test
    void keysAreScopedPerCallerAndPerFunction() throws Exception {
        String key = newKey();
        call("/function/public/default/echo", key, "scoped", "alice").get();

        HttpResponse<String> otherCaller = call("/function/public/default/echo", key, "scoped", "bob").get();
        HttpResponse<String> otherFunction = call("/function/public/default/missing", key, "scoped", "alice").get();

        assertThat(otherCaller.statusCode()).isEqualTo(200);
        assertThat(otherCaller.headers().firstValue(Idempotency.REPLAYED_HEADER)).isEmpty();
        assertThat(otherFunction.statusCode()).isEqualTo(404);
        assertThat(responder.timesReceived("scoped")).isEqualTo(2);
    }

    @Test
    void aRefusedCallIsNotKeptSoItsRetryRuns() throws Exception {
        String key = newKey();
        String late = "/function/public/default/not-yet";

        HttpResponse<String> unknown = call(late, key, "retry-me", "alice").get();
        directory.add(TestFunctionDirectory.function("public", "default", "not-yet", input, 10_000));
        HttpResponse<String> retried = call(late, key, "retry-me", "alice").get();

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo("RETRY-ME");
    }

    @Test
    void anAsynchronousCallWithAKeyIsAcceptedOnceWithOneCallId() throws Exception {
        String key = newKey();

        HttpResponse<String> first = call("/async-function/public/default/echo", key, "async-once", "alice").get();
        HttpResponse<String> repeat = call("/async-function/public/default/echo", key, "async-once", "alice").get();

        assertThat(first.statusCode()).isEqualTo(202);
        assertSameAnswer(first, repeat);
        assertThat(repeat.headers().firstValue("X-Call-Id")).isEqualTo(first.headers().firstValue("X-Call-Id"))
                .isPresent();
        await().atMost(WAIT).until(() -> responder.timesReceived("async-once") == 1);
    }

    @Test
    void aKeyThatIsNoKeyIs400NamingTheHeader() throws Exception {
        HttpResponse<String> response = call("/function/public/default/echo", "x".repeat(256), "bad-key", "alice")
                .get();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(IdempotencyKey.HEADER);
        assertThat(responder.timesReceived("bad-key")).isZero();
    }

    private static void assertSameAnswer(HttpResponse<String> first, HttpResponse<String> repeat) {
        assertThat(repeat.statusCode()).isEqualTo(first.statusCode());
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private CompletableFuture<HttpResponse<String>> call(String path, String key, String body, String caller) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(WAIT)
                .header(IdempotencyKey.HEADER, key)
                .header(TestCallerFilter.HEADER, caller)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
