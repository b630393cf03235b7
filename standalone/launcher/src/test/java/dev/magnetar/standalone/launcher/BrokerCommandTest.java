package dev.magnetar.standalone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerCommandTest {
    private static final Path JAR = Path.of("/opt/magnetar/standalone/broker/target/magnetar-broker.jar");

    @Test
    void runsTheStandaloneJarWithTheOptionsTheAddOpensAndThisJvmAsParent() {
        BrokerOptions options = new BrokerOptions(Path.of("/data/broker"), "0.0.0.0", 6651, 0);
        List<String> command = BrokerCommand.of(options, JAR, null);
        assertThat(command.get(0)).endsWith("java");
        assertThat(String.join(" ", command))
                .contains("-Xmx1g")
                .contains("--add-opens java.base/jdk.internal.platform=ALL-UNNAMED")
                .contains("--add-opens java.management/sun.management=ALL-UNNAMED")
                .contains("-jar " + JAR)
                .endsWith("--data-dir /data/broker --bind-address 0.0.0.0 --broker-port 6651 --web-port 0"
                        + " --parent-pid " + ProcessHandle.current().pid());
    }

    @Test
    void tlsAddsItsPortsAndKeyStoreWhileThePasswordGoesIntoTheEnvironment() {
        BrokerOptions options = BrokerOptions.ephemeral(Path.of("/data/broker"))
                .withTls(new BrokerOptions.Tls(6651, 0, Path.of("/tls/broker.p12"), "PKCS12", "s3cret"));

        List<String> command = BrokerCommand.of(options, JAR, null);

        assertThat(String.join(" ", command))
                .endsWith("--tls-broker-port 6651 --tls-web-port 0 --tls-key-store /tls/broker.p12 --tls-key-store-type PKCS12")
                .doesNotContain("s3cret");
        assertThat(BrokerCommand.environment(options)).containsExactly(
                java.util.Map.entry(dev.magnetar.api.launch.BrokerReadyLine.TLS_KEY_STORE_PASSWORD_ENV, "s3cret"));
        assertThat(options.toString()).doesNotContain("s3cret");
        assertThat(BrokerCommand.environment(BrokerOptions.ephemeral(Path.of("/d")))).isEmpty();
    }

    @Test
    void javaOptionsFromTheEnvironmentReplaceTheDefaultHeap() {
        assertThat(BrokerCommand.javaOpts("  -Xmx2g   -XX:+UseZGC ")).containsExactly("-Xmx2g", "-XX:+UseZGC");
        assertThat(BrokerCommand.javaOpts(" ")).isEqualTo(BrokerCommand.DEFAULT_JAVA_OPTS);
    }
}
