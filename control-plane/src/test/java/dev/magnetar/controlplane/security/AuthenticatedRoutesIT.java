package dev.magnetar.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.security.keys.KeySetting;
import dev.magnetar.security.keys.SigningKeys;
import dev.magnetar.security.token.TokenIssuer;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import io.micronaut.http.MediaType;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.common.policies.data.AuthAction;
import org.apache.pulsar.common.policies.data.TenantInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real control plane with authentication on, against the real broker and a real replica: every route the
 * application registers answers 401 without a token and 403 to another tenant's admin, and the roles Pulsar
 * knows (superuser, tenant admin, the 'functions' and 'produce' grants) open exactly what they should.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticatedRoutesIT {
    private static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;
    private final byte[] secret = SigningKeys.newSecretKey(JWSAlgorithm.HS256);
    private final TokenIssuer issuer = TokenIssuer.withSecretKey(secret, JWSAlgorithm.HS256);
    private final HttpClient http = HttpClient.newHttpClient();
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String tenant = "acme-" + suffix;
    private final String namespace = tenant + "/fns";
    private final String inputTopic = "persistent://" + namespace + "/greet-in";
    private PulsarAdmin broker;
    private ControlPlane plane;

    @BeforeAll
    void start() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        broker = pulsar.admin();
        List<String> clusters = broker.clusters().getClusters();
        broker.tenants().createTenant(tenant, TenantInfo.builder().adminRoles(Set.of("acme-admin"))
                .allowedClusters(Set.copyOf(clusters)).build());
        broker.tenants().createTenant("other-" + suffix, TenantInfo.builder().adminRoles(Set.of("other-admin"))
                .allowedClusters(Set.copyOf(clusters)).build());
        broker.namespaces().createNamespace(namespace);
        broker.namespaces().grantPermissionOnNamespace(namespace, "acme-dev", Set.of(AuthAction.functions));
        broker.namespaces().grantPermissionOnNamespace(namespace, "acme-caller", Set.of(AuthAction.produce));
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir,
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())), Samples.allowJars(Map.of(
                "magnetar.auth.enabled", true,
                "magnetar.auth.token-secret-key", KeySetting.dataUrl(secret),
                "magnetar.auth.superuser-roles", List.of("admin"),
                // Nothing reused: every decision below waits for Pulsar's answer, the path a cold cache takes.
                "magnetar.auth.permission-cache-ttl", "1ms",
                UnruledController.ENABLED, true)));
        HttpResponse<String> created = send("POST", "/magnetar/v1/functions/" + namespace + "/greet", token("admin"),
                MediaType.APPLICATION_JSON, Samples.json(Samples.exclamation(inputTopic, null, 1)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        await().atMost(READY).until(() -> ControlPlaneClient.json(send("GET", "/magnetar/v1/functions/" + namespace
                + "/greet/status", token("admin"), null, null).body()).path("instances").path(0).path("ready").asBoolean());
    }

    @AfterAll
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void everyRegisteredRouteRefusesNoTokenAndAnotherTenantsAdmin() throws Exception {
        // A call to read: another tenant's admin may not, since it may not call the function.
        String callId = acceptedAsyncCall(token("admin"));
        long published = publishedTo(inputTopic);
        List<UriRouteInfo<?, ?>> routes = plane.context().getBean(Router.class).uriRoutes()
                .filter(route -> !PublicRoutes.isPublic(route.getUriMatchTemplate().toPathString()))
                .toList();
        assertThat(routes).extracting(route -> route.getUriMatchTemplate().toPathString())
                .contains("/function/{tenant}/{namespace}/{name}", "/magnetar/v1/functions/{tenant}/{namespace}/{name}",
                        "/admin/v3/functions/{tenant}/{namespace}/{name}", "/async-function/{tenant}/{namespace}/{name}",
                        "/calls/{id}");

        for (UriRouteInfo<?, ?> route : routes) {
            String path = route.getUriMatchTemplate().expand(variables(callId));
            String method = route.getHttpMethodName();
            String type = route.getConsumes().isEmpty() || route.getConsumes().get(0).equals(MediaType.ALL_TYPE)
                    ? MediaType.APPLICATION_JSON : route.getConsumes().get(0).toString();

            HttpResponse<String> anonymous = send(method, path, null, type, "{}");
            assertThat(anonymous.statusCode()).as(method + " " + path + " without a token: " + anonymous.body()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer realm="));
            if (!method.equals("HEAD")) {
                assertThat(anonymous.body()).as(method + " " + path).contains("\"reason\"");
            }

            HttpResponse<String> stranger = send(method, path, token("other-admin"), type, "{}");
            assertThat(stranger.statusCode()).as(method + " " + path + " as another tenant's admin: " + stranger.body())
                    .isEqualTo(403);
            if (!method.equals("HEAD")) {
                assertThat(stranger.body()).as(method + " " + path).contains("other-admin");
            }
        }

        assertThat(publishedTo(inputTopic)).isEqualTo(published);
        assertThat(broker.namespaces().getNamespaces(tenant)).containsExactly(namespace);
        assertThat(send("GET", "/magnetar/v1/functions/" + namespace, token("admin"), null, null).body())
                .isEqualTo("[\"greet\"]");
    }

    @Test
    void aRouteWithoutAnAccessRuleIsRefusedEvenToASuperuser() {
        HttpResponse<String> response = send("GET", "/unruled/" + namespace, token("admin"), null, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("declares no access rule").doesNotContain("ran for");
    }

    @Test
    void aForbiddenAnswerNamesTheRoleTheActionAndTheNamespace() {
        HttpResponse<String> response = send("DELETE", "/magnetar/v1/functions/" + namespace + "/greet",
                token("acme-caller"), null, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("role 'acme-caller'", "manage functions", namespace, "'functions'");
    }

    @Test
    void tenantAdminsAndFunctionsGrantsManageTheNamespace() {
        for (String role : List.of("acme-admin", "acme-dev")) {
            HttpResponse<String> list = send("GET", "/admin/v3/functions/" + namespace, token(role), null, null);
            assertThat(list.statusCode()).as(role + ": " + list.body()).isEqualTo(200);
            assertThat(list.body()).contains("greet");
        }
    }

    @Test
    void onlyASuperuserCreatesANamespaceOnDemand() throws Exception {
        String missing = tenant + "/not-yet";
        HttpResponse<String> response = send("POST", "/magnetar/v1/functions/" + missing + "/f", token("acme-admin"),
                MediaType.APPLICATION_JSON, Samples.json(Samples.exclamation("persistent://" + missing + "/in", null, 1)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("does not exist", "only a superuser");
        assertThat(broker.namespaces().getNamespaces(tenant)).doesNotContain(missing);
    }

    @Test
    void callingAFunctionNeedsTheRightToProduceToItsInput() {
        String path = "/function/" + namespace + "/greet";

        HttpResponse<String> caller = send("POST", path, token("acme-caller"), MediaType.TEXT_PLAIN, "hello");
        assertThat(caller.statusCode()).as(caller.body()).isEqualTo(200);
        assertThat(caller.body()).isEqualTo("hello!");

        HttpResponse<String> developer = send("POST", path, token("acme-dev"), MediaType.TEXT_PLAIN, "hello");
        assertThat(developer.statusCode()).isEqualTo(403);
        assertThat(developer.body()).contains("role 'acme-dev'", "'produce'", inputTopic);
    }

    @Test
    void readingAnAsyncCallNeedsTheRightToCallItsFunction() {
        String callId = acceptedAsyncCall(token("acme-caller"));

        await().atMost(READY).until(() -> send("GET", "/calls/" + callId, token("acme-caller"), null, null)
                .statusCode() == 200);
        HttpResponse<String> result = send("GET", "/calls/" + callId, token("acme-caller"), null, null);
        assertThat(ControlPlaneClient.json(result.body()).get("body").asText()).isEqualTo("hello!");

        HttpResponse<String> developer = send("GET", "/calls/" + callId, token("acme-dev"), null, null);
        assertThat(developer.statusCode()).isEqualTo(403);
        assertThat(developer.body()).contains("role 'acme-dev'", "'produce'", inputTopic);
        HttpResponse<String> refused = send("POST", "/async-function/" + namespace + "/greet", token("acme-dev"),
                MediaType.TEXT_PLAIN, "hello");
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void anIdempotencyKeyIsItsCallersOwn() throws Exception {
        String path = "/function/" + namespace + "/greet";
        String key = UUID.randomUUID().toString();
        long published = publishedTo(inputTopic);

        HttpResponse<String> first = withKey(path, token("acme-caller"), key);
        HttpResponse<String> repeat = withKey(path, token("acme-caller"), key);
        HttpResponse<String> otherCaller = withKey(path, token("admin"), key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(otherCaller.statusCode()).isEqualTo(200);
        assertThat(otherCaller.headers().firstValue("Idempotent-Replayed")).as("another caller's key").isEmpty();
        assertThat(publishedTo(inputTopic)).isEqualTo(published + 2);
    }

    @Test
    void aPreflightIsAnsweredBeforeAuthenticationByTheGatewaysCorsSettings() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(URI.create(plane.url() + "/function/" + namespace + "/greet"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST").build();

        HttpResponse<String> response = http.send(preflight, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("not 401: browsers preflight without credentials").isEqualTo(403);
        assertThat(response.body()).contains("magnetar.gateway.cors.allowed-origins");
    }

    @Test
    void expiredAndForeignTokensAre401WithTheReason() {
        String expired = issuer.create("admin", Duration.ofMillis(1));
        await().until(() -> send("GET", "/magnetar/v1/functions/" + namespace, expired, null, null).statusCode() == 401);
        HttpResponse<String> response = send("GET", "/magnetar/v1/functions/" + namespace, expired, null, null);
        assertThat(response.body()).contains("expired");
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");

        String foreign = TokenIssuer.withSecretKey(SigningKeys.newSecretKey(JWSAlgorithm.HS256), JWSAlgorithm.HS256)
                .create("admin", null);
        assertThat(send("GET", "/magnetar/v1/functions/" + namespace, foreign, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void healthAnswersWithoutAToken() {
        assertThat(send("GET", "/health/liveness", null, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void pulsarsOwnAdminClientWorksWithATokenAndIsRefusedWithout() throws Exception {
        try (PulsarAdmin withToken = PulsarAdmin.builder().serviceHttpUrl(plane.url())
                .authentication(AuthenticationFactory.token(token("acme-dev"))).build();
             PulsarAdmin without = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build()) {
            assertThat(withToken.functions().getFunctions(tenant, "fns")).containsExactly("greet");
            assertThat(withToken.functions().getFunctionStatus(tenant, "fns", "greet").getNumInstances()).isEqualTo(1);

            assertThatThrownBy(() -> without.functions().getFunctions(tenant, "fns"))
                    .isInstanceOf(PulsarAdminException.NotAuthorizedException.class);
            assertThatThrownBy(() -> without.functions().deleteFunction(tenant, "fns", "greet"))
                    .isInstanceOf(PulsarAdminException.NotAuthorizedException.class);
        }
        assertThat(send("GET", "/magnetar/v1/functions/" + namespace, token("admin"), null, null).body()).contains("greet");
    }

    private String acceptedAsyncCall(String token) {
        HttpResponse<String> accepted = send("POST", "/async-function/" + namespace + "/greet", token,
                MediaType.TEXT_PLAIN, "hello");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return accepted.headers().firstValue("X-Call-Id").orElseThrow();
    }

    private HttpResponse<String> withKey(String path, String token, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(plane.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .header("Content-Type", MediaType.TEXT_PLAIN)
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> variables(String callId) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", callId);
        values.put("tenant", tenant);
        values.put("namespace", "fns");
        values.put("name", "greet");
        values.put("instanceId", 0);
        values.put("action", "stop");
        values.put("key", "greeting");
        values.put("type", "function");
        values.put("version", "v1");
        return values;
    }

    private long publishedTo(String topic) throws PulsarAdminException {
        return broker.topics().getStats(topic).getMsgInCounter();
    }

    private String token(String role) {
        return issuer.create(role, Duration.ofMinutes(10));
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(plane.url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(
                        contentType != null && contentType.startsWith(MediaType.MULTIPART_FORM_DATA) ? "--x--\r\n" : body));
        if (contentType != null) {
            request.header("Content-Type", contentType.startsWith(MediaType.MULTIPART_FORM_DATA)
                    ? MediaType.MULTIPART_FORM_DATA + "; boundary=x" : contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }
}
