package dev.magnetar.controlplane;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.bridge.pulsar.PulsarConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneTest {
    @TempDir
    Path dataDir;

    @Test
    void aTakenPortIsReportedWithWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            ControlPlaneOptions options = new ControlPlaneOptions(taken.getLocalPort(), dataDir,
                    new PulsarConnection("pulsar://127.0.0.1:1", "http://127.0.0.1:1"));

            assertThatThrownBy(() -> ControlPlane.start(options))
                    .hasMessageStartingWith("cannot start the control plane on port " + taken.getLocalPort() + ": ")
                    .hasMessageContaining("pick another one");
        }
    }

    @Test
    void optionsNameWhatIsMissing() {
        assertThatThrownBy(() -> new ControlPlaneOptions(70_000, dataDir, null))
                .hasMessageContaining("port 70000 is not a port");
        assertThatThrownBy(() -> new ControlPlaneOptions(0, null, null))
                .hasMessageContaining("data directory");
    }
}
