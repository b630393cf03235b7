package dev.magnetar.cli.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.cli.http.FunctionRef;
import dev.magnetar.cli.output.KeyValueTable;
import dev.magnetar.cli.output.OutputFormat;
import dev.magnetar.cli.output.OutputOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code functions stats}: Pulsar's FunctionStats (received, processed, exceptions, latency) as JSON. */
@Command(name = "stats", description = "Print a function's processing statistics (Pulsar's FunctionStats, JSON).",
        footer = {"", "Examples:", "  magnetar functions stats --name exclamation --instance-id 0"})
public final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    OutputOptions output;
    @Mixin
    IdentityOptions identity;

    @Option(names = "--instance-id", paramLabel = "ID", description = "Only this instance (0-based). Default: all")
    Integer instanceId;

    @Override
    public Integer call() {
        FunctionRef ref = identity.require(spec);
        JsonNode stats = admin.pulsar().stats(ref, instanceId);
        output.print(spec.commandLine().getOut(), OutputFormat.json, stats, () -> KeyValueTable.render(stats));
        return 0;
    }
}
