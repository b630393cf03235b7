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
    void javaOptionsFromTheEnvironmentReplaceTheDefaultHeap() {
        assertThat(BrokerCommand.javaOpts("  -Xmx2g   -XX:+UseZGC ")).containsExactly("-Xmx2g", "-XX:+UseZGC");
        assertThat(BrokerCommand.javaOpts(" ")).isEqualTo(BrokerCommand.DEFAULT_JAVA_OPTS);
    }
}
