package dev.magnetar.controlplane.security;

import java.security.Principal;

/**
 * Who made a request, once their token was verified; kept on the request under {@link #ATTRIBUTE}, and as its
 * user principal (named by the role) for what only needs to tell callers apart, such as the gateway's idempotency
 * keys.
 *
 * @param role      the role the token grants
 * @param superuser whether the role is one of the configured superuser roles
 */
public record Caller(String role, boolean superuser) implements Principal {
    public static final String ATTRIBUTE = "magnetar.caller";

    @Override
    public String getName() {
        return role;
    }
}
