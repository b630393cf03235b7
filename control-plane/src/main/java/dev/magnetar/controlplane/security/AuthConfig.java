package dev.magnetar.controlplane.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * Authentication and authorization of the admin APIs and the gateway ({@code magnetar.auth.*}). The token
 * settings mean what the Pulsar broker settings of the same names mean ({@code tokenSecretKey},
 * {@code tokenPublicKey}, {@code tokenPublicAlg}, {@code tokenAuthClaim}, {@code tokenAudienceClaim},
 * {@code tokenAudience}, {@code superUserRoles}), so a cluster's keys and roles work unchanged.
 *
 * @param enabled            require a verified bearer token on every route but health
 * @param superuserRoles     roles that may do everything
 * @param tokenSecretKey     HMAC key: {@code data:;base64,...}, {@code file:///path}, a path, or base64
 * @param tokenPublicKey     RSA/EC public key (X.509 DER) in the same forms
 * @param tokenPublicAlg     the public key's algorithm
 * @param tokenAuthClaim     the claim holding the role
 * @param tokenAudienceClaim the claim holding the audience
 * @param tokenAudience      when set, tokens must name it in their audience claim
 * @param tokenClockSkew     how far past its expiry a token is still accepted
 * @param permissionCacheTtl how long tenant admins and namespace/topic permissions read from Pulsar are reused
 * @param insecureNoAuth     allow listening beyond loopback with authentication off (warned about at every start)
 * @param replicaAccessKey   the key each function's replica access token is derived from, in the token key forms;
 *                           unset: a random key for this process (standalone, whose replicas end with it)
 */
@ConfigurationProperties(AuthConfig.PREFIX)
public record AuthConfig(@Bindable(defaultValue = "false") boolean enabled,
                         @Nullable List<String> superuserRoles,
                         @Nullable String tokenSecretKey,
                         @Nullable String tokenPublicKey,
                         @Bindable(defaultValue = "RS256") String tokenPublicAlg,
                         @Bindable(defaultValue = "sub") String tokenAuthClaim,
                         @Bindable(defaultValue = "aud") String tokenAudienceClaim,
                         @Nullable String tokenAudience,
                         @Bindable(defaultValue = "0s") Duration tokenClockSkew,
                         @Bindable(defaultValue = "10s") Duration permissionCacheTtl,
                         @Bindable(defaultValue = "false") boolean insecureNoAuth,
                         @Nullable String replicaAccessKey) {
    public static final String PREFIX = "magnetar.auth";
    public static final String ENABLED_PROPERTY = PREFIX + ".enabled";

    public AuthConfig {
        superuserRoles = superuserRoles == null ? List.of() : List.copyOf(superuserRoles);
    }

    public boolean isSuperuser(String role) {
        return superuserRoles.contains(role);
    }
}
