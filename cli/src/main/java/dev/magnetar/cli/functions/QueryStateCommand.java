package dev.magnetar.cli.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.http.FunctionRef;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code functions querystate}: one key of the function's state, as Pulsar's FunctionState JSON. */
@Command(name = "querystate", description = "Print one key of a function's state (Pulsar's FunctionState, JSON):"
        + " numberValue for a counter, stringValue or byteValue for a stored value.",
        footer = {"", "Examples:", "  magnetar functions querystate --name state-word-count --key apple",
                "  magnetar functions querystate --name state-word-count --key apple --watch"})
public final class QueryStateCommand implements Callable<Integer> {
    static final long WATCH_INTERVAL_MS = 1_000;

    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    IdentityOptions identity;

    @Option(names = {"-k", "--key"}, paramLabel = "KEY", required = true, description = "The key to read")
    String key;

    @Option(names = {"-w", "--watch"}, description = "Print the value again every second until interrupted")
    boolean watch;

    @Override
    public Integer call() throws InterruptedException {
        FunctionRef ref = identity.require(spec);
        PrintWriter out = spec.commandLine().getOut();
        do {
            try {
                JsonNode state = admin.pulsar().state(ref, key);
                out.println(state.toPrettyString());
            } catch (CliException e) {
                if (!watch) {
                    throw e;
                }
                out.println(e.getMessage());
            }
            out.flush();
            if (watch) {
                Thread.sleep(WATCH_INTERVAL_MS);
            }
        } while (watch);
        return 0;
    }
}
