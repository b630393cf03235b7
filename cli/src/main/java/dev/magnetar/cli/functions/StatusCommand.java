package dev.magnetar.cli.functions;

import dev.magnetar.cli.http.FunctionRef;
import dev.magnetar.cli.http.FunctionStatusView;
import dev.magnetar.cli.output.OutputFormat;
import dev.magnetar.cli.output.OutputOptions;
import dev.magnetar.cli.output.StatusTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code functions status}: one line per replica: state, readiness, process id, restarts, last error. */
@Command(name = "status", description = "Show the state of each replica of a function.",
        footer = {"", "Examples:",
                "  magnetar functions status --name exclamation",
                "  magnetar functions status --name exclamation --output-format yaml"})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    OutputOptions output;
    @Mixin
    IdentityOptions identity;

    @Override
    public Integer call() {
        FunctionRef ref = identity.require(spec);
        FunctionStatusView status = admin.admin().status(ref);
        output.print(spec.commandLine().getOut(), OutputFormat.table, status, () -> StatusTable.render(ref, status));
        return 0;
    }
}
