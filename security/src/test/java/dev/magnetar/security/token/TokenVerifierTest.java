package dev.magnetar.security.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.magnetar.security.keys.SigningKeys;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
    private final byte[] secret = SigningKeys.newSecretKey(JWSAlgorithm.HS256);

    @Test
    void acceptsAnHmacTokenAndReadsTheRoleFromSub() throws Exception {
        String token = TokenIssuer.withSecretKey(secret, JWSAlgorithm.HS256).create("alice", null);

        VerifiedToken verified = new TokenVerifier(TokenSettings.secret(secret)).verify(token);

        assertThat(verified.role()).isEqualTo("alice");
        assertThat(verified.expiresAt()).isNull();
    }

    @Test
    void acceptsRsaAndEcTokensWithTheMatchingPublicKey() throws Exception {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)) {
            KeyPair pair = SigningKeys.newKeyPair(algorithm);
            String token = TokenIssuer.withPrivateKey(pair.getPrivate(), algorithm).create("bob", Duration.ofHours(1));

            assertThat(new TokenVerifier(TokenSettings.publicKey(pair.getPublic())).verify(token).role()).isEqualTo("bob");
        }
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        String token = TokenIssuer.withSecretKey(SigningKeys.newSecretKey(JWSAlgorithm.HS256), JWSAlgorithm.HS256)
                .create("mallory", null);

        assertThatThrownBy(() -> new TokenVerifier(TokenSettings.secret(secret)).verify(token))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature does not match");
    }

    @Test
    void refusesAnHmacTokenWhenAPublicKeyIsConfigured() {
        KeyPair pair = SigningKeys.newKeyPair(JWSAlgorithm.RS256);
        // The public key's bytes as an HMAC secret: the classic algorithm confusion.
        String token = TokenIssuer.withSecretKey(pair.getPublic().getEncoded(), JWSAlgorithm.HS256).create("mallory", null);

        assertThatThrownBy(() -> new TokenVerifier(TokenSettings.publicKey(pair.getPublic())).verify(token))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signed with HS256");
    }

    @Test
    void refusesUnsignedAndMalformedTokens() {
        TokenVerifier verifier = new TokenVerifier(TokenSettings.secret(secret));
        String unsigned = base64("{\"alg\":\"none\"}") + "." + base64("{\"sub\":\"admin\"}") + ".";

        assertThatThrownBy(() -> verifier.verify(unsigned)).hasMessageContaining("not a signed JWT");
        assertThatThrownBy(() -> verifier.verify("abc")).hasMessageContaining("not a signed JWT");
        assertThatThrownBy(() -> verifier.verify("")).hasMessageContaining("empty");
    }

    @Test
    void refusesAnExpiredTokenEvenAfterItWasRemembered() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenVerifier verifier = new TokenVerifier(TokenSettings.secret(secret), clock);
        String token = signed(new JWTClaimsSet.Builder().subject("alice")
                .expirationTime(java.util.Date.from(clock.instant().plusSeconds(60))).build());

        assertThat(verifier.verify(token).role()).isEqualTo("alice");
        clock.now = clock.now.plusSeconds(60);

        assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining("expired at 2026-01-01T00:01:00Z");
    }

    @Test
    void readsTheRoleFromAConfiguredClaimOrTheFirstOfAList() throws Exception {
        TokenSettings settings = new TokenSettings(secret, null, "roles", null, null, null);
        String token = signed(new JWTClaimsSet.Builder().subject("ignored").claim("roles", List.of("ops", "dev")).build());

        assertThat(new TokenVerifier(settings).verify(token).role()).isEqualTo("ops");
        assertThatThrownBy(() -> new TokenVerifier(settings).verify(signed(new JWTClaimsSet.Builder().subject("x").build())))
                .hasMessageContaining("no role in its 'roles' claim");
    }

    @Test
    void requiresTheConfiguredAudience() throws Exception {
        TokenSettings settings = new TokenSettings(secret, null, null, null, "magnetar", null);
        TokenVerifier verifier = new TokenVerifier(settings);

        assertThat(verifier.verify(signed(new JWTClaimsSet.Builder().subject("a").audience(List.of("pulsar", "magnetar"))
                .build())).role()).isEqualTo("a");
        assertThatThrownBy(() -> verifier.verify(signed(new JWTClaimsSet.Builder().subject("a").audience("pulsar").build())))
                .hasMessageContaining("does not include the audience 'magnetar'");
        assertThatThrownBy(() -> verifier.verify(signed(new JWTClaimsSet.Builder().subject("b").build())))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesATokenBeforeItsNotBeforeTime() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        String token = signed(new JWTClaimsSet.Builder().subject("a")
                .notBeforeTime(java.util.Date.from(clock.instant().plusSeconds(10))).build());

        assertThatThrownBy(() -> new TokenVerifier(TokenSettings.secret(secret), clock).verify(token))
                .hasMessageContaining("not valid before");
    }

    private String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes());
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
