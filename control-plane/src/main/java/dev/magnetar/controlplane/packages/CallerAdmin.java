package dev.magnetar.controlplane.packages;

import dev.magnetar.bridge.pulsar.PulsarClients;
import dev.magnetar.bridge.pulsar.PulsarConfig;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.bridge.pulsar.PulsarTlsIdentity;
import dev.magnetar.controlplane.security.AuthConfig;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;

/**
 * The admin client a call to the cluster's packages goes with. With authentication on it is a client with the
 * caller's own token, so Pulsar decides what the caller may do with packages, not the platform's credentials; with
 * it off, nobody is told apart and the control plane's own client calls.
 */
@Singleton
public class CallerAdmin {
    private static final String BEARER = "Bearer ";
    private final PulsarAdmin admin;
    private final PulsarConfig pulsar;
    private final boolean authenticated;

    public CallerAdmin(PulsarAdmin admin, PulsarConfig pulsar, AuthConfig auth) {
        this.admin = admin;
        this.pulsar = pulsar;
        this.authenticated = auth.enabled();
    }

    /** One call to the cluster's admin API. */
    @FunctionalInterface
    public interface Call<T> {
        T apply(PulsarAdmin admin) throws PulsarAdminException;
    }

    /**
     * Runs {@code call} as the caller of the current request; {@code subject} names what is asked for in the
     * refusal of a request that carries no token.
     */
    public <T> T call(String subject, Call<T> call) throws PulsarAdminException {
        if (!authenticated) {
            return call.apply(admin);
        }
        String token = callerToken().orElseThrow(() -> new PackageException(subject + ": a package is read and"
                + " written with the caller's own token, and this request carries none: send Authorization: Bearer"
                + " TOKEN"));
        PulsarConnection connection = pulsar.connection();
        try (PulsarAdmin asCaller = PulsarClients.admin(new PulsarConnection(connection.serviceUrl(),
                connection.adminUrl(), token, connection.trust(), PulsarTlsIdentity.NONE))) {
            return call.apply(asCaller);
        }
    }

    private static Optional<String> callerToken() {
        return ServerRequestContext.currentRequest().flatMap(request -> request.getHeaders().getAuthorization())
                .filter(header -> header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(header -> header.substring(BEARER.length()).strip());
    }
}
