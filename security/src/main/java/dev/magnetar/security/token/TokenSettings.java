package dev.magnetar.security.token;

import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.security.keys.KeyException;
import dev.magnetar.security.keys.KeySetting;
import dev.magnetar.security.keys.SigningKeys;
import java.security.PublicKey;
import java.time.Duration;

/**
 * How tokens are verified, with the meaning of a Pulsar broker's settings of the same names: a secret key
 * ({@code tokenSecretKey}) for HMAC tokens or a public key ({@code tokenPublicKey}, {@code tokenPublicAlg})
 * for RSA/EC ones; the role from {@code tokenAuthClaim} ({@code sub} by default); when {@code tokenAudience}
 * is set, it must be among the token's {@code tokenAudienceClaim} values.
 *
 * @param secretKey     HMAC key bytes, or null when a public key is used
 * @param publicKey     RSA or EC public key, or null when a secret key is used
 * @param roleClaim     the claim holding the role
 * @param audienceClaim the claim holding the audience
 * @param audience      the audience this service requires, or null for none
 * @param clockSkew     how far past {@code exp} (or before {@code nbf}) a token is still accepted
 */
public record TokenSettings(byte[] secretKey, PublicKey publicKey, String roleClaim, String audienceClaim,
                            String audience, Duration clockSkew) {
    public static final String DEFAULT_ROLE_CLAIM = "sub";
    public static final String DEFAULT_AUDIENCE_CLAIM = "aud";

    public TokenSettings {
        if ((secretKey == null) == (publicKey == null)) {
            throw new KeyException("token verification needs exactly one of a secret key (token-secret-key) or a"
                    + " public key (token-public-key)");
        }
        roleClaim = blankToDefault(roleClaim, DEFAULT_ROLE_CLAIM);
        audienceClaim = blankToDefault(audienceClaim, DEFAULT_AUDIENCE_CLAIM);
        audience = audience == null || audience.isBlank() ? null : audience;
        clockSkew = clockSkew == null ? Duration.ZERO : clockSkew;
    }

    /** Settings with Pulsar's defaults for everything but the HMAC key. */
    public static TokenSettings secret(byte[] secretKey) {
        return new TokenSettings(secretKey, null, null, null, null, null);
    }

    /** Settings with Pulsar's defaults for everything but the public key. */
    public static TokenSettings publicKey(PublicKey publicKey) {
        return new TokenSettings(null, publicKey, null, null, null, null);
    }

    /**
     * Reads the key settings in Pulsar's forms (see {@link KeySetting}); exactly one of the two must be given.
     *
     * @param secretKeySetting  e.g. {@code file:///keys/secret.key}, or null
     * @param publicKeySetting  e.g. {@code data:;base64,MIIB...}, or null
     * @param publicAlgorithm   the public key's algorithm, RS256 when null
     */
    public static TokenSettings fromKeySettings(String secretKeySetting, String publicKeySetting, String publicAlgorithm,
                                                String roleClaim, String audienceClaim, String audience,
                                                Duration clockSkew) {
        boolean secret = secretKeySetting != null && !secretKeySetting.isBlank();
        boolean pub = publicKeySetting != null && !publicKeySetting.isBlank();
        if (secret == pub) {
            throw new KeyException("set exactly one of token-secret-key (HMAC tokens) and token-public-key"
                    + " (RSA/EC tokens) to verify tokens; " + (secret ? "both are set" : "neither is set"));
        }
        if (secret) {
            return new TokenSettings(KeySetting.read("token-secret-key", secretKeySetting), null, roleClaim,
                    audienceClaim, audience, clockSkew);
        }
        JWSAlgorithm algorithm = publicAlgorithm == null || publicAlgorithm.isBlank()
                ? SigningKeys.DEFAULT_KEY_PAIR_ALGORITHM : SigningKeys.algorithm(publicAlgorithm);
        PublicKey key = SigningKeys.publicKey("token-public-key", KeySetting.read("token-public-key", publicKeySetting),
                algorithm);
        return new TokenSettings(null, key, roleClaim, audienceClaim, audience, clockSkew);
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
