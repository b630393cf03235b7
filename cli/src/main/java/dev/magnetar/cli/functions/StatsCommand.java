package dev.magnetar.cli.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.http.FunctionRef;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code functions stats}: Pulsar's FunctionStats (received, processed, exceptions, latency) as JSON. */
@Command(name = "stats", description = "Print a function's processing statistics (Pulsar's FunctionStats, JSON).",
        footer = {"", "Example:", "  magnetar functions stats --name exclamation --instance-id 0"})
public final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    IdentityOptions identity;

    @Option(names = "--instance-id", paramLabel = "ID", description = "Only this instance (0-based). Default: all")
    Integer instanceId;

    @Override
    public Integer call() {
        FunctionRef ref = identity.require(spec);
        try {
            spec.commandLine().getOut().println(FunctionDocuments.json().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(admin.pulsar().stats(ref, instanceId)));
        } catch (JsonProcessingException e) {
            throw new CliException("cannot print the stats of " + ref + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
