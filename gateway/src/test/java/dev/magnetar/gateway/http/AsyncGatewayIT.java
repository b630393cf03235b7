package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.gateway.async.AsyncCalls;
import dev.magnetar.gateway.async.CallbackServer;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Asynchronous calls through a real Micronaut server against the embedded broker, with {@link Responder} standing in
 * for the function's replicas and {@link CallbackServer} receiving callbacks on loopback.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncGatewayIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
    private final String input = pulsar.uniqueTopic("async-in");
    private final String namespace = "async-" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();
    private Responder responder;
    private CallbackServer callbacks;

    @Inject
    EmbeddedServer server;
    @Inject
    TestFunctionDirectory directory;
    @Inject
    AsyncCalls asyncCalls;
    @Inject
    JsonMapper json;

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
                "magnetar.gateway.async.callback-attempts", "4",
                "magnetar.gateway.async.callback-initial-delay", "50ms",
                "magnetar.gateway.async.callback-max-delay", "200ms",
                TestFunctionDirectory.ENABLED, "true");
    }

    @BeforeAll
    void start() throws Exception {
        directory.add(TestFunctionDirectory.function("public", "default", "echo", input, 10_000));
        responder = Responder.start(pulsar.client(), input);
        callbacks = CallbackServer.start();
        asyncCalls.ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() {
        responder.close();
        callbacks.close();
    }

    @Test
    void theCallbackGetsTheResultWithTheCallId() throws Exception {
        HttpResponse<String> accepted = post("hello", Map.of("Content-Type", "text/plain",
                "X-Callback-Url", callbacks.url("/first")));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String callId = accepted.headers().firstValue("X-Call-Id").orElseThrow();
        assertThat(view(accepted).state()).isEqualTo("pending");

        await().atMost(WAIT).until(() -> !callbacks.receivedAt("/first").isEmpty());
        CallbackServer.Received callback = callbacks.receivedAt("/first").get(0);
        assertThat(callback.text()).isEqualTo("HELLO");
        assertThat(callback.header("X-Call-Id")).isEqualTo(callId);
        assertThat(callback.header("X-Function-Status")).isEqualTo("200");
        assertThat(Double.parseDouble(callback.header("X-Duration-Seconds"))).isGreaterThanOrEqualTo(0);
        assertThat(callback.header("Content-Type")).isEqualTo(Responder.CONTENT_TYPE);
        assertThat(responder.lastRequestProperties())
                .containsEntry(MessageProperties.REPLY_TO, FunctionNames.asyncResultsTopic("public", namespace))
                .containsEntry(MessageProperties.CORRELATION_ID, callId)
                .containsKey(MessageProperties.DEADLINE);
    }

    @Test
    void aCallbackThatFailsTwiceIsTriedAgainAndDeliveredOnce() throws Exception {
        callbacks.failNext(2);
        HttpResponse<String> accepted = post("again", Map.of("X-Callback-Url", callbacks.url("/flaky")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String callId = accepted.headers().firstValue("X-Call-Id").orElseThrow();

        await().atMost(WAIT).until(() -> "delivered".equals(view(get(callId)).callback()));

        assertThat(callbacks.receivedAt("/flaky")).extracting(CallbackServer.Received::answered)
                .containsExactly(503, 503, 200);
        assertThat(callbacks.receivedAt("/flaky")).extracting(post -> post.header("X-Call-Id")).containsOnly(callId);
    }

    @Test
    void getAnswersPendingUntilTheFunctionRepliesThenTheResult() throws Exception {
        HttpResponse<String> accepted = post(Responder.HOLD + "-get", Map.of("Content-Type", "text/plain"));
        String callId = accepted.headers().firstValue("X-Call-Id").orElseThrow();

        HttpResponse<String> pending = get(callId);
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(202);
        assertThat(view(pending).state()).isEqualTo("pending");
        assertThat(view(pending).function()).isEqualTo("public/default/echo");

        await().atMost(WAIT).until(() -> responder.heldCount() > 0);
        responder.releaseHeld();
        await().atMost(WAIT).until(() -> get(callId).statusCode() == 200);

        HttpResponse<String> done = get(callId);
        CallView result = view(done);
        assertThat(result.state()).isEqualTo("done");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("HOLD-GET");
        assertThat(result.bodyEncoding()).isEqualTo("utf-8");
        assertThat(result.contentType()).isEqualTo(Responder.CONTENT_TYPE);
        assertThat(result.durationSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(result.finishedAt()).isNotBlank();
        assertThat(result.callback()).isNull();
        assertThat(done.headers().firstValue("X-Function-Status")).hasValue("200");
    }

    @Test
    void aFailingFunctionsCallbackCarriesItsErrorAndStatus500() throws Exception {
        HttpResponse<String> accepted = post("boom", Map.of("X-Callback-Url", callbacks.url("/boom")));
        assertThat(accepted.statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> !callbacks.receivedAt("/boom").isEmpty());
        CallbackServer.Received callback = callbacks.receivedAt("/boom").get(0);
        assertThat(callback.header("X-Function-Status")).isEqualTo("500");
        assertThat(callback.text()).contains("function public/default/echo failed: " + Responder.BOOM_ERROR);
    }

    @Test
    void aCallbackHostOutsideTheAllowListIs400NamingTheHeaderTheHostAndTheSetting() throws Exception {
        HttpResponse<String> refused = post("hello", Map.of("X-Callback-Url", "http://metadata.internal/hook"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("X-Callback-Url", "metadata.internal", "magnetar.gateway.callback-hosts");
        assertThat(refused.headers().firstValue("X-Call-Id")).isEmpty();
    }

    @Test
    void aCallersIdIsKeptWhenSafeAndRefusedOtherwise() throws Exception {
        String chosen = "order-" + UUID.randomUUID();
        HttpResponse<String> accepted = post("hello", Map.of("X-Call-Id", chosen));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("X-Call-Id")).hasValue(chosen);

        HttpResponse<String> again = post("hello", Map.of("X-Call-Id", chosen));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("X-Call-Id");

        HttpResponse<String> unsafe = post("hello", Map.of("X-Call-Id", "../../etc"));
        assertThat(unsafe.statusCode()).isEqualTo(400);
        assertThat(unsafe.body()).contains("header X-Call-Id");
    }

    @Test
    void anUnknownCallOrFunctionIs404() throws Exception {
        assertThat(get("never-accepted").statusCode()).isEqualTo(404);
        assertThat(get("never-accepted").body()).contains("never-accepted", "magnetar.gateway.async.retention");
        HttpResponse<String> noFunction = send(HttpRequest.newBuilder(URI.create(server.getURL()
                + "/async-function/public/default/nope")).POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(noFunction.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL()
                        + "/async-function/public/default/echo"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        new HashMap<>(headers).forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> get(String callId) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.getURL() + "/calls/" + callId)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CallView view(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), CallView.class);
    }
}
