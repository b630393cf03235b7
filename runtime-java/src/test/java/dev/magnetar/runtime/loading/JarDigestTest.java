package dev.magnetar.runtime.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.runtime.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarDigestTest {
    /** SHA-256 of "abc". */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void aJarWithTheExpectedDigestIsLoaded() throws Exception {
        Path jar = Files.writeString(dir.resolve("fn.jar"), "abc");

        assertThat(JarDigest.verify(jar, ABC)).isEqualTo(jar);
    }

    @Test
    void aJarChangedSinceItWasAcceptedIsRefusedNamingTheFileAndBothDigests() throws Exception {
        Path jar = Files.writeString(dir.resolve("fn.jar"), "abd");

        assertThatThrownBy(() -> JarDigest.verify(jar, ABC)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("accepted with " + ABC)
                .hasMessageContaining("has SHA-256 " + JarDigest.sha256(jar))
                .hasMessageContaining("--package-sha256");
    }

    @Test
    void withoutAnExpectedDigestNothingIsRead() {
        Path missing = dir.resolve("missing.jar");

        assertThat(JarDigest.verify(missing, null)).isEqualTo(missing);
        assertThatThrownBy(() -> JarDigest.verify(missing, ABC)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot read " + missing);
    }
}
