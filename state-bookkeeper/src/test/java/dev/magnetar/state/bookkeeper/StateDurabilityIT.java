package dev.magnetar.state.bookkeeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.state.FunctionStateStore;
import dev.magnetar.api.state.StateBackend;
import dev.magnetar.api.state.StateScope;
import dev.magnetar.standalone.launcher.BrokerOptions;
import dev.magnetar.standalone.launcher.BrokerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State outlives its broker: after a clean stop, and after a SIGKILL (whose next start may hang on the table service's
 * old registration, which the launcher stops and starts again). A data directory made with RocksDB metadata starts
 * without state storage and says so.
 */
class StateDurabilityIT {
    private static final StateScope SCOPE = new StateScope("public", "default", "durable");

    @TempDir
    Path dataDir;

    @Test
    void countersAndValuesSurviveACleanStopAndAKill() throws Exception {
        String firstUrl;
        try (BrokerProcess broker = BrokerProcess.start(BrokerOptions.ephemeral(dataDir))) {
            firstUrl = broker.stateStorageUrl();
            try (StateBackend backend = new BookKeeperStateBackend(firstUrl)) {
                FunctionStateStore table = backend.open(SCOPE).join();
                table.increment("count", 5).join();
                table.put("note", "kept".getBytes(StandardCharsets.UTF_8)).join();
            }
        }
        BrokerProcess restarted = BrokerProcess.start(BrokerOptions.ephemeral(dataDir));
        try {
            assertThat(restarted.stateStorageUrl()).as("the ports of a data directory stay").isEqualTo(firstUrl);
            try (StateBackend backend = new BookKeeperStateBackend(restarted.stateStorageUrl())) {
                FunctionStateStore table = backend.open(SCOPE).join();
                assertThat(table.counter("count").join()).isEqualTo(5);
                table.increment("count", 2).join();
            }
        } finally {
            ProcessHandle.of(restarted.pid()).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(restarted.pid()).ifPresent(handle -> handle.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            restarted.close();
        }
        long started = System.nanoTime();
        try (BrokerProcess afterKill = BrokerProcess.start(BrokerOptions.ephemeral(dataDir));
             StateBackend backend = new BookKeeperStateBackend(afterKill.stateStorageUrl())) {
            System.out.printf("StateDurabilityIT: start after SIGKILL took %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            FunctionStateStore table = backend.open(SCOPE).join();
            assertThat(table.counter("count").join()).isEqualTo(7);
            assertThat(table.get("note").join().text()).contains("kept");
        }
    }

    @Test
    void aRocksDbDataDirectoryStartsWithoutStateStorageAndSaysWhy() throws Exception {
        Files.createDirectories(dataDir.resolve("metadata"));
        try (BrokerProcess broker = BrokerProcess.start(BrokerOptions.ephemeral(dataDir))) {
            assertThat(broker.stateStorageUrl()).isNull();
            assertThat(Files.readString(dataDir.resolve("logs/broker.log")))
                    .contains("State storage is off: data directory " + dataDir)
                    .contains("start with a new --data-dir");
        }
    }
}
