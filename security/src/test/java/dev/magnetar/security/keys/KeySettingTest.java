package dev.magnetar.security.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeySettingTest {
    private final byte[] key = SigningKeys.newSecretKey(JWSAlgorithm.HS256);

    @Test
    void readsEveryFormAPulsarBrokerTakes(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("secret.key"), key);

        assertThat(KeySetting.read("k", KeySetting.dataUrl(key))).isEqualTo(key);
        assertThat(KeySetting.read("k", file.toUri().toString())).isEqualTo(key);
        assertThat(KeySetting.read("k", "file://" + file)).isEqualTo(key);
        assertThat(KeySetting.read("k", file.toString())).isEqualTo(key);
        assertThat(KeySetting.read("k", Base64.getEncoder().encodeToString(key))).isEqualTo(key);
    }

    @Test
    void namesTheSettingAndNeverEchoesAnInlineValue() {
        assertThatThrownBy(() -> KeySetting.read("token-secret-key", "not base64 &&&secretish"))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("token-secret-key")
                .hasMessageNotContaining("secretish");
        assertThatThrownBy(() -> KeySetting.read("token-secret-key", "file:///no/such/key"))
                .hasMessageContaining("cannot read the key file /no/such/key");
        assertThatThrownBy(() -> KeySetting.read("token-secret-key", " ")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> KeySetting.read("token-secret-key", "file:///dev/zero"))
                .hasMessageContaining("/dev/zero is not a regular file");
        assertThatThrownBy(() -> KeySetting.read("token-secret-key", "data:text/plain,abc"))
                .hasMessageContaining("must be base64");
    }

    @Test
    void decodesKeyPairsInPulsarsEncodings() {
        for (JWSAlgorithm algorithm : new JWSAlgorithm[] {JWSAlgorithm.RS256, JWSAlgorithm.ES256}) {
            var pair = SigningKeys.newKeyPair(algorithm);

            assertThat(SigningKeys.publicKey("p", pair.getPublic().getEncoded(), algorithm)).isEqualTo(pair.getPublic());
            assertThat(SigningKeys.privateKey("q", pair.getPrivate().getEncoded())).isEqualTo(pair.getPrivate());
        }
        assertThatThrownBy(() -> SigningKeys.publicKey("token-public-key", key, JWSAlgorithm.RS256))
                .hasMessageContaining("token-public-key is not a RSA public key");
        assertThatThrownBy(() -> SigningKeys.algorithm("none")).hasMessageContaining("not supported");
    }
}
