package dev.magnetar.security.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.magnetar.security.keys.KeyException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/**
 * Signs tokens the way {@code pulsar tokens create} does: a {@code sub} claim with the role and, when
 * asked, an {@code exp}; nothing else, so a Pulsar broker with the same key accepts them.
 */
public final class TokenIssuer {
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final Clock clock;

    private TokenIssuer(JWSSigner signer, JWSAlgorithm algorithm, Clock clock) {
        this.signer = signer;
        this.algorithm = algorithm;
        this.clock = clock;
    }

    public static TokenIssuer withSecretKey(byte[] secretKey, JWSAlgorithm algorithm) {
        try {
            return new TokenIssuer(new MACSigner(secretKey), algorithm, Clock.systemUTC());
        } catch (JOSEException e) {
            throw new KeyException("the secret key cannot sign " + algorithm + " tokens: " + e.getMessage(), e);
        }
    }

    public static TokenIssuer withPrivateKey(PrivateKey key, JWSAlgorithm algorithm) {
        JWSSigner signer;
        try {
            signer = key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new KeyException("the private key cannot sign " + algorithm + " tokens: " + e.getMessage(), e);
        }
        if (!signer.supportedJWSAlgorithms().contains(algorithm)) {
            throw new KeyException("a " + key.getAlgorithm() + " private key cannot sign " + algorithm + " tokens: use one of "
                    + signer.supportedJWSAlgorithms());
        }
        return new TokenIssuer(signer, algorithm, Clock.systemUTC());
    }

    /** @param expiry how long the token is valid, or null for a token that never expires */
    public String create(String subject, Duration expiry) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a token needs a subject: the role it grants");
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject);
        if (expiry != null) {
            claims.expirationTime(Date.from(clock.instant().plus(expiry)));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new KeyException("cannot sign the token with " + algorithm + ": " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
