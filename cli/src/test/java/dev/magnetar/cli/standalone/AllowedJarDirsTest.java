package dev.magnetar.cli.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.layout.Installation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where {@code magnetar standalone} lets definitions name jars: its samples, and what --allow-jar-dir adds. */
class AllowedJarDirsTest {

    @Test
    void theInstallationsSamplesAreAllowedAndEachGivenDirectoryAsAnAbsolutePath() {
        StandaloneCommand command = new StandaloneCommand();
        new CommandLine(command).parseArgs("--allow-jar-dir", "build/jars", "--allow-jar-dir", "/srv/functions");

        assertThat(command.allowedJarDirs()).containsExactly(Installation.current().samplesDir(),
                Path.of("build/jars").toAbsolutePath().normalize(), Path.of("/srv/functions"));
    }

    @Test
    void withoutTheOptionOnlyTheSamplesAre() {
        StandaloneCommand command = new StandaloneCommand();
        new CommandLine(command).parseArgs();

        assertThat(command.allowedJarDirs()).containsExactly(Installation.current().samplesDir());
    }
}
