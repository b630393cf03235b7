package dev.magnetar.bridge.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadyLineTest {

    @Test
    void parsesTheUrlsAndADataDirContainingSpaces() {
        var line = ReadyLine.parse("MAGNETAR_BROKER_READY serviceUrl=pulsar://127.0.0.1:6650"
                + " adminUrl=http://127.0.0.1:8080 dataDir=/tmp/my data/broker");
        assertThat(line).contains(new ReadyLine("pulsar://127.0.0.1:6650", "http://127.0.0.1:8080",
                Path.of("/tmp/my data/broker")));
    }

    @Test
    void ignoresOtherLinesAndIncompleteAnnouncements() {
        assertThat(ReadyLine.parse("12:00:00 INFO something")).isEmpty();
        assertThat(ReadyLine.parse("MAGNETAR_BROKER_READY serviceUrl=pulsar://h:1")).isEmpty();
        assertThat(ReadyLine.failure("MAGNETAR_BROKER_READY serviceUrl=x")).isEmpty();
    }

    @Test
    void extractsTheFailureReason() {
        assertThat(ReadyLine.failure("MAGNETAR_BROKER_FAILED --web-port 8080 is already in use"))
                .contains("--web-port 8080 is already in use");
    }
}
