package dev.magnetar.cli.functions;

import dev.magnetar.api.naming.FunctionNames;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code functions list}: the names defined in one namespace, one per line. */
@Command(name = "list", description = "List the functions of a namespace, one name per line.")
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;

    @Option(names = "--tenant", paramLabel = "TENANT", defaultValue = FunctionNames.DEFAULT_TENANT,
            description = "Pulsar tenant. Default: ${DEFAULT-VALUE}")
    String tenant;

    @Option(names = "--namespace", paramLabel = "NAMESPACE", defaultValue = FunctionNames.DEFAULT_NAMESPACE,
            description = "Pulsar namespace. Default: ${DEFAULT-VALUE}")
    String namespace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        admin.admin().list(tenant, namespace).forEach(out::println);
        out.flush();
        return 0;
    }
}
