package dev.magnetar.controlplane.security;

/**
 * Who made a request, once their token was verified; kept on the request under {@link #ATTRIBUTE}.
 *
 * @param role      the role the token grants
 * @param superuser whether the role is one of the configured superuser roles
 */
public record Caller(String role, boolean superuser) {
    public static final String ATTRIBUTE = "magnetar.caller";
}
