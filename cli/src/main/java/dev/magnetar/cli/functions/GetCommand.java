package dev.magnetar.cli.functions;

import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.http.FunctionRef;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code functions get}: prints the stored definition as YAML (usable as --function-config-file). */
@Command(name = "get", description = "Print a function's definition as YAML.")
public final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    IdentityOptions identity;

    @Override
    public Integer call() {
        FunctionRef ref = identity.require(spec);
        var definition = admin.admin().get(ref).orElseThrow(() -> new CliException(
                "function " + ref + " not found (HTTP 404): list the defined ones with magnetar functions list"));
        spec.commandLine().getOut().print(FunctionDocuments.toYaml(definition));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
