package dev.magnetar.cli.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.http.AdminClient;
import dev.magnetar.cli.http.FunctionRef;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code functions update}: changes a defined function. Without {@code --function-config-file} the
 * flags are applied to the stored definition, so {@code --parallelism 3} alone changes only the replicas.
 */
@Command(name = "update", description = "Change a function; flags override the stored definition (or the config file).",
        footer = {"", "Examples:",
                "  magnetar functions update --name exclamation --parallelism 3 --wait",
                "  magnetar functions update --function-config-file function.yaml"})
public final class UpdateCommand implements Callable<Integer> {
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
        FunctionDocumentBuilder builder = new FunctionDocumentBuilder(Path.of(""));
        AdminClient client = admin.admin();
        Function function;
        FunctionRef ref;
        if (flags.functionConfigFile() != null) {
            function = builder.build(flags);
            ref = identity.resolve(function, spec);
        } else {
            ref = identity.require(spec);
            function = builder.build(flags, stored(client, ref));
        }
        IdentityOptions.stamp(function, ref);
        client.update(ref, function);
        spec.commandLine().getOut().println("updated " + ref);
        spec.commandLine().getOut().flush();
        wait.awaitRunning(client, ref, function.getSpec().getReplicas(), spec.commandLine().getErr());
        return 0;
    }

    private static Function stored(AdminClient client, FunctionRef ref) {
        JsonNode tree = client.get(ref).orElseThrow(() -> new CliException("function " + ref
                + " not found (HTTP 404): define it with magnetar functions create"));
        if (tree instanceof ObjectNode object) {
            object.remove("status");
        }
        return FunctionDocuments.parse(tree.toString());
    }
}
