package dev.magnetar.standalone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.launch.BrokerReadyLine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class BrokerConsoleTest {

    @TempDir
    Path temp;

    @Test
    void theReadyLineSettlesReadyAndEveryOtherLineGoesToTheConsoleLog() throws Exception {
        BrokerConsole console = drain("""
                starting
                MAGNETAR_BROKER_READY serviceUrl=pulsar://127.0.0.1:1 adminUrl=http://127.0.0.1:2 dataDir=/d
                after ready
                """);
        assertThat(console.ready().getNow(null)).isEqualTo(
                new BrokerReadyLine("pulsar://127.0.0.1:1", "http://127.0.0.1:2", Path.of("/d")));
        assertThat(Files.readAllLines(temp.resolve("console.log"))).containsExactly("starting", "after ready");
    }

    @Test
    void theFailedLineGivesTheReason() {
        BrokerConsole console = drain("MAGNETAR_BROKER_FAILED --web-port 80 is already in use\n");
        assertThat(console.ready().getNow(new BrokerReadyLine("x", "y", Path.of("z")))).isNull();
        assertThat(console.failureReason()).isEqualTo("--web-port 80 is already in use");
    }

    @Test
    void outputEndingWithoutEitherLineSettlesReadyWithNothingAndTheTailExplains() {
        String crash = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        BrokerConsole console = drain(crash + "\n");
        assertThat(console.ready().getNow(new BrokerReadyLine("x", "y", Path.of("z")))).isNull();
        assertThat(console.failureReason()).isNull();
        String tail = BrokerConsole.tail(temp.resolve("console.log"));
        assertThat(tail).startsWith("line 26 | ").endsWith("line 40").doesNotContain("line 25 ");
    }

    private BrokerConsole drain(String output) {
        BrokerConsole console = new BrokerConsole(
                new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)), temp.resolve("console.log"));
        console.run();
        return console;
    }
}
