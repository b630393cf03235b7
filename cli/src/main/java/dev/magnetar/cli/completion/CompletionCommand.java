package dev.magnetar.cli.completion;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code magnetar completion}: a bash completion script (zsh loads it through bashcompinit). */
@Command(name = "completion", description = "Print a bash/zsh completion script for magnetar.",
        footer = {"", "Examples:",
                "  source <(magnetar completion)                      # bash, this shell",
                "  magnetar completion > /etc/bash_completion.d/magnetar",
                "  autoload -U +X bashcompinit && bashcompinit && source <(magnetar completion)   # zsh"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
