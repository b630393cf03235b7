package dev.magnetar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help ends with examples. */
class HelpExamplesTest {

    @Test
    void everyCommandHasAnExamplesFooter() {
        List<CommandLine> all = new ArrayList<>();
        collect(MagnetarCli.commandLine(), all);

        assertThat(all).hasSizeGreaterThan(15);
        for (CommandLine command : all) {
            String footer = String.join("\n", command.getCommandSpec().usageMessage().footer());
            assertThat(footer).as(command.getCommandSpec().qualifiedName()).contains("Examples:");
        }
    }

    @Test
    void helpPrintsTheFooter() {
        CliRun run = CliRun.of("functions", "status", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Examples:").contains("magnetar functions status --name exclamation");
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
