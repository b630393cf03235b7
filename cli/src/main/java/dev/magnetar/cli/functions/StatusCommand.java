package dev.magnetar.cli.functions;

import dev.magnetar.cli.http.FunctionRef;
import dev.magnetar.cli.http.FunctionStatusView;
import dev.magnetar.cli.output.StatusTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code functions status}: one line per replica: state, readiness, process id, restarts, last error. */
@Command(name = "status", description = "Show the state of each replica of a function.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    IdentityOptions identity;

    @Override
    public Integer call() {
        FunctionRef ref = identity.require(spec);
        FunctionStatusView status = admin.admin().status(ref);
        spec.commandLine().getOut().print(StatusTable.render(ref, status));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
