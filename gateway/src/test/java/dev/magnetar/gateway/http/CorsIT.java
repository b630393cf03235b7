package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CORS on the gateway's routes with one allowed origin, on a real server against the embedded broker. Without
 * settings nothing is allowed: see {@link GatewayIT#withoutCorsSettingsNoOriginIsAllowed()}. The origins are local
 * ones: for a server on loopback, Micronaut refuses any remote origin's call before the gateway sees it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ALLOWED = "http://localhost:3000";
    private static final String OTHER = "http://127.0.0.1:4000";

    private final EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
    private final String input = pulsar.uniqueTopic("cors-in");
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
                "magnetar.gateway.cors.allowed-origins", ALLOWED,
                "magnetar.gateway.cors.allowed-headers", "Content-Type, Idempotency-Key",
                "magnetar.gateway.cors.max-age", "1h");
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
    void aPreflightFromAnAllowedOriginIsAnsweredWithWhatItMayDo() throws Exception {
        HttpResponse<String> response = preflight("/function/public/default/echo", ALLOWED, "POST",
                "content-type, idempotency-key");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST, GET");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("content-type, idempotency-key");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
        assertThat(response.headers().allValues("Vary")).anyMatch(vary -> vary.contains("Origin"));
    }

    @Test
    void aPreflightFromAnotherOriginOrForAnotherMethodOrHeaderIs403SayingWhy() throws Exception {
        HttpResponse<String> otherOrigin = preflight("/function/public/default/echo", OTHER, "POST", null);
        HttpResponse<String> otherMethod = preflight("/function/public/default/echo", ALLOWED, "DELETE", null);
        HttpResponse<String> otherHeader = preflight("/async-function/public/default/echo", ALLOWED, "POST",
                "x-secret");

        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.body()).contains(OTHER, "magnetar.gateway.cors.allowed-origins");
        assertThat(otherMethod.statusCode()).isEqualTo(403);
        assertThat(otherMethod.body()).contains("DELETE", "magnetar.gateway.cors.allowed-methods");
        assertThat(otherHeader.statusCode()).isEqualTo(403);
        assertThat(otherHeader.body()).contains("x-secret", "magnetar.gateway.cors.allowed-headers");
        for (HttpResponse<String> response : java.util.List.of(otherOrigin, otherMethod, otherHeader)) {
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void aCallFromAnAllowedOriginMayBeReadByThePage() throws Exception {
        HttpResponse<String> response = post(ALLOWED, "from-the-app");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("FROM-THE-APP");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("Retry-After", "X-Call-Id", "Idempotent-Replayed");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void aCallFromAnotherOriginGetsNoCorsHeaders() throws Exception {
        HttpResponse<String> response = post(OTHER, "from-elsewhere");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    }

    private HttpResponse<String> preflight(String path, String origin, String method, String headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(WAIT)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String origin, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/function/public/default/echo"))
                .timeout(WAIT).header("Origin", origin).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
