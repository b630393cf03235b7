package dev.magnetar.api.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PulsarPackageTest {
    private static final String SHA = "a".repeat(64);

    @Test
    void aLocationRoundTrips() {
        PulsarPackage pkg = new PulsarPackage(PulsarPackage.topicOf("public", "default", "exclaim"), SHA);

        assertThat(pkg.location()).isEqualTo("pulsar-package:persistent://public/default/magnetar-package-exclaim@sha256:" + SHA);
        assertThat(PulsarPackage.isPackage(pkg.location())).isTrue();
        assertThat(PulsarPackage.parse(pkg.location())).isEqualTo(pkg);
        assertThat(PulsarPackage.isPackage("/app/function.jar")).isFalse();
    }

    @Test
    void theDigestALocationNamesIsAPackagesOwnOnly() {
        String location = new PulsarPackage(PulsarPackage.topicOf("public", "default", "exclaim"), SHA).location();

        assertThat(PulsarPackage.sha256Of(location)).contains(SHA);
        assertThat(PulsarPackage.sha256Of("/app/function.jar")).isEmpty();
        assertThat(PulsarPackage.sha256Of("pulsar-package:persistent://p/d/t@sha256:xyz")).isEmpty();
        assertThat(PulsarPackage.sha256Of(null)).isEmpty();
    }

    @Test
    void theDigestIsTheLowerCaseHexSha256() {
        assertThat(PulsarPackage.digest("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aMalformedLocationIsRefusedNamingTheExpectedForm() {
        assertThatThrownBy(() -> PulsarPackage.parse("pulsar-package:persistent://p/d/t@sha256:xyz"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@sha256:<64 hex digits>");
        assertThatThrownBy(() -> PulsarPackage.parse("pulsar-package:non-persistent://p/d/t@sha256:" + SHA))
                .hasMessageContaining("pulsar-package:persistent://");
    }
}
