package dev.magnetar.bench.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.bench.http.HttpAnswer;
import dev.magnetar.bench.http.HttpLoadClient;
import dev.magnetar.security.keys.KeySetting;
import dev.magnetar.security.keys.SigningKeys;
import dev.magnetar.security.token.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.common.policies.data.AuthAction;

/**
 * Authentication as the gateway-auth scenario sets it up: one HMAC key for the control plane and the bench's
 * tokens, a superuser role for the bench's own admin calls, and a caller role that is no superuser and may call the
 * function only because Pulsar grants it {@code produce} on the function's namespace.
 */
final class GatewayAuth {
    static final String SUPERUSER = "bench-admin";
    static final String CALLER = "bench-caller";
    /** A role with no grant at all: its calls must be refused, or the permission check is not in the path. */
    static final String STRANGER = "bench-stranger";
    /** Longer than any run: the control plane remembers a verified token until it expires. */
    static final Duration TOKEN_LIFETIME = Duration.ofDays(1);

    private final byte[] secret = SigningKeys.newSecretKey(JWSAlgorithm.HS256);
    private final TokenIssuer issuer = TokenIssuer.withSecretKey(secret, JWSAlgorithm.HS256);
    /** One token for every call, as a long-lived client holds one. */
    private final Map<String, String> callerHeaders = bearer(CALLER);

    /** The control plane's settings: authentication on with this key and {@link #SUPERUSER}. */
    ControlPlaneProcess.Extra controlPlane() {
        return new ControlPlaneProcess.Extra(Map.of(
                "magnetar.auth.enabled", "true",
                "magnetar.auth.token-secret-key", KeySetting.dataUrl(secret),
                "magnetar.auth.superuser-roles", SUPERUSER), token(SUPERUSER));
    }

    /** The headers of every call of {@link #CALLER}. */
    Map<String, String> callerHeaders() {
        return callerHeaders;
    }

    /** Grants {@link #CALLER} the {@code produce} action on the namespace through the broker's admin API. */
    static void grantProduce(String adminUrl, String tenant, String namespace) throws Exception {
        try (PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(adminUrl).build()) {
            admin.namespaces().grantPermissionOnNamespace(tenant + "/" + namespace, CALLER, Set.of(AuthAction.produce));
        }
    }

    /**
     * Fails unless the gateway at {@code path} refuses a call without a token (401) and one of {@link #STRANGER} (403),
     * and answers {@link #CALLER}'s (200): a side that sends no token, or a gateway that checks nothing, fails here.
     */
    void requireEnforced(HttpLoadClient client, String path) throws Exception {
        expect(client, path, Map.of(), 401, "without a token");
        expect(client, path, bearer(STRANGER), 403, "as " + STRANGER + ", granted nothing");
        expect(client, path, callerHeaders(), 200, "as " + CALLER + ", granted produce");
    }

    private static void expect(HttpLoadClient client, String path, Map<String, String> headers, int status,
                               String what) throws Exception {
        HttpAnswer answer = client.post(path, GatewaySides.BODY, "text/plain", headers)
                .get(GatewaySides.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (answer.status() != status) {
            throw new IllegalStateException("POST " + path + " " + what + " answered " + answer.status() + ", not "
                    + status + ": " + new String(answer.body(), StandardCharsets.UTF_8));
        }
    }

    private Map<String, String> bearer(String role) {
        return Map.of("Authorization", "Bearer " + token(role));
    }

    private String token(String role) {
        return issuer.create(role, TOKEN_LIFETIME);
    }
}
