package dev.magnetar.security.token;

import java.time.Instant;

/**
 * A token whose signature and claims were checked.
 *
 * @param role      the role it grants, from the configured claim
 * @param expiresAt its {@code exp}, or null when it never expires
 */
public record VerifiedToken(String role, Instant expiresAt) {
    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
