package dev.magnetar.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicronautEchoMainTest {

    @Test
    void theEchoProcessKeepsTheBenchAndMicronautButNoMagnetarModule() {
        String benchClassPath = String.join(File.pathSeparator, List.of("/m/bench/target/magnetar-bench.jar",
                "/m/bench/target/lib/magnetar-controller-0.1.0-SNAPSHOT.jar",
                "/m/bench/target/lib/micronaut-http-server-netty-4.10.15.jar",
                "/m/bench/target/lib/magnetar-pulsar-bridge-0.1.0-SNAPSHOT.jar",
                "/m/bench/target/lib/netty-codec-http-4.2.9.Final.jar"));

        assertThat(MicronautEchoMain.classPath(benchClassPath).split(File.pathSeparator)).containsExactly(
                "/m/bench/target/magnetar-bench.jar", "/m/bench/target/lib/micronaut-http-server-netty-4.10.15.jar",
                "/m/bench/target/lib/netty-codec-http-4.2.9.Final.jar");
    }

    @Test
    void theEndpointAnswersTheBodyWithAnExclamationMark() {
        assertThat(new String(new EchoController().echo("hello".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("hello!");
        assertThat(new EchoController().echo(null)).containsExactly('!');
    }
}
