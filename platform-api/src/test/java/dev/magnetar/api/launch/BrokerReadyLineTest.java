package dev.magnetar.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadyLineTest {

    @Test
    void parsesTheUrlsAndADataDirContainingSpaces() {
        var line = BrokerReadyLine.parse("MAGNETAR_BROKER_READY serviceUrl=pulsar://127.0.0.1:6650"
                + " adminUrl=http://127.0.0.1:8080 dataDir=/tmp/my data/broker");
        assertThat(line).contains(new BrokerReadyLine("pulsar://127.0.0.1:6650", "http://127.0.0.1:8080",
                Path.of("/tmp/my data/broker")));
    }

    @Test
    void carriesTheTlsUrlsWhenTheBrokerServesTls() {
        var ready = new BrokerReadyLine("pulsar://127.0.0.1:6650", "http://127.0.0.1:8080", "pulsar+ssl://127.0.0.1:6651",
                "https://127.0.0.1:8443", Path.of("/tmp/x tlsServiceUrl=y"));
        assertThat(BrokerReadyLine.parse(ready.format())).contains(ready);
        var plain = BrokerReadyLine.parse("MAGNETAR_BROKER_READY serviceUrl=pulsar://h:1 adminUrl=http://h:2"
                + " dataDir=/tmp/a tlsServiceUrl=b").orElseThrow();
        assertThat(plain.tlsServiceUrl()).as("a data directory is not read for words").isNull();
        assertThat(plain.tlsAdminUrl()).isNull();
    }

    @Test
    void ignoresOtherLinesAndIncompleteAnnouncements() {
        assertThat(BrokerReadyLine.parse("12:00:00 INFO something")).isEmpty();
        assertThat(BrokerReadyLine.parse("MAGNETAR_BROKER_READY serviceUrl=pulsar://h:1")).isEmpty();
        assertThat(BrokerReadyLine.failure("MAGNETAR_BROKER_READY serviceUrl=x")).isEmpty();
    }

    @Test
    void extractsTheFailureReason() {
        assertThat(BrokerReadyLine.failure("MAGNETAR_BROKER_FAILED --web-port 8080 is already in use"))
                .contains("--web-port 8080 is already in use");
    }

    @Test
    void theLineTheBrokerPrintsIsTheOneItsLauncherReads() {
        var ready = new BrokerReadyLine("pulsar://127.0.0.1:6650", "http://127.0.0.1:8080", Path.of("/tmp/a b"));
        assertThat(BrokerReadyLine.parse(ready.format())).contains(ready);
        assertThat(BrokerReadyLine.failure(BrokerReadyLine.failedLine("port\n in use"))).contains("port in use");
    }

    @Test
    void carriesTheStateStorageUrlWhenTheBrokerRunsTheTableService() {
        var ready = new BrokerReadyLine("pulsar://127.0.0.1:6650", "http://127.0.0.1:8080", null, null,
                "bk://127.0.0.1:4181", Path.of("/tmp/d"));
        assertThat(ready.format()).contains(" stateStorageUrl=bk://127.0.0.1:4181 ");
        assertThat(BrokerReadyLine.parse(ready.format())).contains(ready);
        assertThat(BrokerReadyLine.parse(new BrokerReadyLine("pulsar://h:1", "http://h:2", Path.of("/d")).format())
                .orElseThrow().stateStorageUrl()).isNull();
    }
}
