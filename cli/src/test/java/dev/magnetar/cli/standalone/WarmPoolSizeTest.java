package dev.magnetar.cli.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.cli.CliException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --warm-pool-size} sets the control plane's warm pool; left out, the configuration decides. */
class WarmPoolSizeTest {
    @TempDir
    Path data;

    private Map<String, Object> properties(String... flags) {
        StandaloneCommand command = new StandaloneCommand();
        new CommandLine(command).parseArgs(flags);
        return StandaloneStack.controlPlaneProperties(command.settings(data));
    }

    @Test
    void theFlagSetsTheSizeOfTheWarmPool() {
        assertThat(properties("--warm-pool-size", "0")).containsEntry("magnetar.replicas.warm-pool-size", 0);
        assertThat(properties("--warm-pool-size", "4")).containsEntry("magnetar.replicas.warm-pool-size", 4);
    }

    @Test
    void withoutTheFlagTheConfigurationDecides() {
        assertThat(properties()).doesNotContainKey("magnetar.replicas.warm-pool-size");
    }

    @Test
    void aNegativeSizeIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> properties("--warm-pool-size", "-1"))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(CliException.USAGE);
                    assertThat(e.getMessage()).isEqualTo("--warm-pool-size is -1: give 0 (no warm pool) or more");
                });
    }
}
