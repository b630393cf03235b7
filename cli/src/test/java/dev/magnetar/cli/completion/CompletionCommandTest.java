package dev.magnetar.cli.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.cli.CliRun;
import org.junit.jupiter.api.Test;

/** {@code magnetar completion} prints a bash/zsh script that knows the verbs and their flags. */
class CompletionCommandTest {

    @Test
    void theScriptCompletesSubcommandsAndFlags() {
        CliRun run = CliRun.of("completion");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_magnetar")
                .contains("functions", "standalone", "invoke", "create", "update", "status", "stats")
                .contains("--admin-url", "--output-format", "--config", "--parallelism");
    }

    @Test
    void enumValuesAreCompletedToo() {
        assertThat(CliRun.of("completion").out()).contains("table", "json", "yaml");
    }
}
