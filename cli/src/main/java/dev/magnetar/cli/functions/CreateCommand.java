package dev.magnetar.cli.functions;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.cli.http.FunctionRef;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code functions create}: defines a function; the control plane provisions topics and starts replicas. */
@Command(name = "create", description = "Define a function and start its replicas.",
        footer = {"", "Examples:",
                "  magnetar functions create --name exclamation --jar exclamation.jar --classname org.example.Exclamation \\",
                "        --inputs in --output out --parallelism 2 --wait",
                "  magnetar functions create --function-config-file function.yaml"})
public final class CreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    IdentityOptions identity;
    @Mixin
    FunctionFlags flags;
    @Mixin
    WaitOptions wait;

    @Override
    public Integer call() {
        Function function = new FunctionDocumentBuilder(Path.of("")).build(flags);
        FunctionRef ref = identity.resolve(function, spec);
        IdentityOptions.stamp(function, ref);
        admin.admin().create(ref, function);
        spec.commandLine().getOut().println("created " + ref);
        spec.commandLine().getOut().flush();
        wait.awaitRunning(admin.admin(), ref, function.getSpec().getReplicas(), spec.commandLine().getErr());
        return 0;
    }
}
