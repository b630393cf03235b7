package dev.magnetar.controlplane.security;

import dev.magnetar.security.token.TokenSettings;
import dev.magnetar.security.token.TokenVerifier;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.apache.pulsar.client.admin.PulsarAdmin;

/** The token verifier and the permission look-ups, made only when authentication is on. */
@Factory
@Requires(property = AuthConfig.ENABLED_PROPERTY, value = "true")
public class SecurityFactory {

    @Singleton
    TokenVerifier tokenVerifier(AuthConfig config) {
        return new TokenVerifier(TokenSettings.fromKeySettings(
                blankToNull(config.tokenSecretKey()), blankToNull(config.tokenPublicKey()), config.tokenPublicAlg(),
                config.tokenAuthClaim(), config.tokenAudienceClaim(), config.tokenAudience(), config.tokenClockSkew()));
    }

    @Singleton
    FunctionAccess functionAccess(PulsarAdmin admin, AuthConfig config) {
        return new FunctionAccess(new PulsarPermissions(admin, config.permissionCacheTtl()));
    }

    private static String blankToNull(String setting) {
        return setting == null || setting.isBlank() ? null : setting;
    }
}
