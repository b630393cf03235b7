package dev.magnetar.operator.resources;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.security.replica.ReplicaAccess;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Secret holding the token that opens a function's replicas' status and invoke routes
 * ({@link ReplicaAccess#tokenFor}). The replicas read it by reference, so the token is never written into the
 * Deployment, and each function's pods can read only their own. A token changed by hand is put back.
 */
public final class RuntimeAccessSecret implements Dependent<Secret> {
    /** Key of the token inside the Secret. */
    public static final String TOKEN_KEY = "token";

    private final ReplicaAccess access;

    public RuntimeAccessSecret(ReplicaAccess access) {
        this.access = access;
    }

    @Override
    public Class<Secret> type() {
        return Secret.class;
    }

    @Override
    public Optional<Secret> desired(Function function) {
        return Optional.of(desired(function, access));
    }

    /** The desired-state hash cannot see an edited value, so the value itself is compared. */
    @Override
    public boolean drifted(Secret observed, Secret desired) {
        return !Objects.equals(token(observed), token(desired));
    }

    public static Secret desired(Function function, ReplicaAccess access) {
        ResolvedFunction resolved = ResolvedFunction.of(function);
        String name = FunctionNames.replicaAccessSecretName(resolved.name());
        String token = access.tokenFor(resolved.fqfn());
        return new SecretBuilder()
                .withMetadata(ChildMetadata.named(name, function, resolved))
                .withType("Opaque")
                .withData(Map.of(TOKEN_KEY, Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    private static String token(Secret secret) {
        return secret.getData() == null ? null : secret.getData().get(TOKEN_KEY);
    }
}
