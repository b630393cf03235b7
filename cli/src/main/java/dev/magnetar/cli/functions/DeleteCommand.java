package dev.magnetar.cli.functions;

import dev.magnetar.cli.http.FunctionRef;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code functions delete}: stops the replicas and forgets the definition. */
@Command(name = "delete", description = "Stop a function's replicas and delete its definition.",
        footer = {"", "Examples:",
                "  magnetar functions delete --name exclamation",
                "  magnetar functions delete --fqfn acme/ops/exclamation"})
public final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    IdentityOptions identity;

    @Override
    public Integer call() {
        FunctionRef ref = identity.require(spec);
        admin.admin().delete(ref);
        spec.commandLine().getOut().println("deleted " + ref);
        return 0;
    }
}
