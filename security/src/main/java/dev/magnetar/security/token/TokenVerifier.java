package dev.magnetar.security.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.magnetar.security.keys.KeyException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies bearer tokens as a Pulsar broker's token authentication does, so a token its cluster accepts is
 * accepted here and one it refuses is refused. Verified tokens are remembered until they expire: a caller
 * presenting the same token again costs a map look-up, not a signature check.
 */
public final class TokenVerifier {
    /** Bounds the memory of remembered tokens; when full it starts over, which only costs re-verification. */
    static final int MAX_REMEMBERED = 10_000;

    private final TokenSettings settings;
    private final JWSVerifier verifier;
    private final Clock clock;
    private final Map<String, VerifiedToken> remembered = new ConcurrentHashMap<>();

    public TokenVerifier(TokenSettings settings) {
        this(settings, Clock.systemUTC());
    }

    TokenVerifier(TokenSettings settings, Clock clock) {
        this.settings = settings;
        this.verifier = verifierFor(settings);
        this.clock = clock;
    }

    /** @throws InvalidTokenException with a reason fit for the caller when the token is not accepted */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("the token is empty");
        }
        Instant now = clock.instant();
        VerifiedToken known = remembered.get(token);
        if (known != null) {
            if (!known.expiredAt(now.minus(settings.clockSkew()))) {
                return known;
            }
            remembered.remove(token);
        }
        VerifiedToken verified = check(token, now);
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(token, verified);
        return verified;
    }

    private VerifiedToken check(String token, Instant now) throws InvalidTokenException {
        SignedJWT jwt = parse(token);
        verifySignature(jwt);
        JWTClaimsSet claims = claims(jwt);
        Instant expiresAt = instant(claims.getExpirationTime());
        if (expiresAt != null && !now.minus(settings.clockSkew()).isBefore(expiresAt)) {
            throw new InvalidTokenException("the token expired at " + expiresAt);
        }
        Instant notBefore = instant(claims.getNotBeforeTime());
        if (notBefore != null && now.plus(settings.clockSkew()).isBefore(notBefore)) {
            throw new InvalidTokenException("the token is not valid before " + notBefore);
        }
        checkAudience(claims);
        return new VerifiedToken(role(claims), expiresAt);
    }

    private static SignedJWT parse(String token) throws InvalidTokenException {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("the token is not a signed JWT");
        }
    }

    private void verifySignature(SignedJWT jwt) throws InvalidTokenException {
        boolean valid;
        try {
            valid = jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            throw new InvalidTokenException("the token is signed with " + jwt.getHeader().getAlgorithm()
                    + ", which the configured " + (settings.secretKey() != null ? "secret" : "public") + " key does not verify");
        }
        if (!valid) {
            throw new InvalidTokenException("the token's signature does not match the configured key");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws InvalidTokenException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("the token's claims are not a JSON object of JWT claims");
        }
    }

    /** As Pulsar: the claim's text, or the first element when it is a list of texts. */
    private String role(JWTClaimsSet claims) throws InvalidTokenException {
        Object value = claims.getClaim(settings.roleClaim());
        if (value instanceof List<?> list && !list.isEmpty()) {
            value = list.get(0);
        }
        if (value instanceof String role && !role.isBlank()) {
            return role;
        }
        throw new InvalidTokenException("the token has no role in its '" + settings.roleClaim() + "' claim");
    }

    private void checkAudience(JWTClaimsSet claims) throws InvalidTokenException {
        if (settings.audience() == null) {
            return;
        }
        Object value = claims.getClaim(settings.audienceClaim());
        boolean matches = value instanceof String text ? text.equals(settings.audience())
                : value instanceof List<?> list && list.contains(settings.audience());
        if (!matches) {
            throw new InvalidTokenException("the token's '" + settings.audienceClaim() + "' claim does not include the"
                    + " audience '" + settings.audience() + "' this service requires");
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static JWSVerifier verifierFor(TokenSettings settings) {
        try {
            if (settings.secretKey() != null) {
                return new MACVerifier(settings.secretKey());
            }
            if (settings.publicKey() instanceof RSAPublicKey rsa) {
                return new RSASSAVerifier(rsa);
            }
            if (settings.publicKey() instanceof ECPublicKey ec) {
                return new ECDSAVerifier(ec);
            }
        } catch (JOSEException e) {
            throw new KeyException("the token key cannot verify tokens: " + e.getMessage(), e);
        }
        throw new KeyException("the token public key is " + settings.publicKey().getAlgorithm() + ": use an RSA or EC key");
    }
}
