package dev.magnetar.security.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import dev.magnetar.security.keys.KeyException;
import dev.magnetar.security.keys.KeySetting;
import java.nio.charset.StandardCharsets;

/**
 * Whatever a caller sends as a token or an Authorization header, verification answers with a role or an
 * {@link InvalidTokenException} that says why, and a key setting is read or refused with a {@link KeyException}:
 * nothing else escapes.
 */
class TokenParsingFuzzTest {
    private static final byte[] SECRET = "a-fixed-32-byte-key-for-fuzzing!".getBytes(StandardCharsets.US_ASCII);
    private static final TokenSettings SETTINGS = new TokenSettings(SECRET, null, null, null, "magnetar", null);

    @FuzzTest
    void anyHeaderGivesARoleOrAReason(FuzzedDataProvider data) {
        String header = data.consumeRemainingAsString();
        try {
            VerifiedToken verified = new TokenVerifier(SETTINGS).verify(BearerToken.from(header));
            assertThat(verified.role()).isNotBlank();
        } catch (InvalidTokenException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** Claims of any shape under a signature that verifies: the deep end of the verifier. */
    @FuzzTest
    void anyClaimsUnderAGoodSignatureGiveARoleOrAReason(FuzzedDataProvider data) throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(data.consumeRemainingAsString()));
        jws.sign(new MACSigner(SECRET));
        try {
            VerifiedToken verified = new TokenVerifier(SETTINGS).verify(jws.serialize());
            assertThat(verified.role()).isNotBlank();
        } catch (InvalidTokenException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @FuzzTest
    void anyKeySettingIsReadOrRefusedByName(FuzzedDataProvider data) {
        try {
            KeySetting.read("token-secret-key", data.consumeRemainingAsString());
        } catch (KeyException e) {
            assertThat(e.getMessage()).startsWith("token-secret-key");
        }
    }
}
