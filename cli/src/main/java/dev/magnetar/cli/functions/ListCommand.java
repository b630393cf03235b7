package dev.magnetar.cli.functions;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.cli.output.OutputFormat;
import dev.magnetar.cli.output.OutputOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code functions list}: the names defined in one namespace, one per line. */
@Command(name = "list", description = "List the functions of a namespace, one name per line.",
        footer = {"", "Examples:",
                "  magnetar functions list",
                "  magnetar functions list --tenant acme --namespace ops --output-format json"})
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    OutputOptions output;

    @Option(names = "--tenant", paramLabel = "TENANT", defaultValue = FunctionNames.DEFAULT_TENANT,
            description = "Pulsar tenant. Default: ${DEFAULT-VALUE}")
    String tenant;

    @Option(names = "--namespace", paramLabel = "NAMESPACE", defaultValue = FunctionNames.DEFAULT_NAMESPACE,
            description = "Pulsar namespace. Default: ${DEFAULT-VALUE}")
    String namespace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = admin.admin().list(tenant, namespace);
        output.print(out, OutputFormat.table, names,
                () -> names.stream().map(name -> name + System.lineSeparator()).collect(Collectors.joining()));
        return 0;
    }
}
