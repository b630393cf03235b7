package dev.magnetar.security.token;

/** The token of an {@code Authorization: Bearer <token>} header (RFC 6750), the scheme matched in any case. */
public final class BearerToken {
    public static final String NO_TOKEN = "this request needs a bearer token: send 'Authorization: Bearer <token>'"
            + " (magnetar tokens create --subject <role>, or the token in client.conf)";
    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /**
     * @param authorization the header's value, or null when there is none
     * @throws InvalidTokenException with {@link #NO_TOKEN} when there is no header, or saying what is wrong with it
     */
    public static String from(String authorization) throws InvalidTokenException {
        if (authorization == null || authorization.isBlank()) {
            throw new InvalidTokenException(NO_TOKEN);
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new InvalidTokenException("the Authorization header is not a bearer token: send 'Authorization:"
                    + " Bearer <token>'");
        }
        String token = authorization.substring(SCHEME.length()).strip();
        if (token.isEmpty()) {
            throw new InvalidTokenException("the Authorization header names no token after 'Bearer'");
        }
        return token;
    }
}
