package dev.magnetar.cli.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.http.FunctionRef;
import dev.magnetar.cli.output.KeyValueTable;
import dev.magnetar.cli.output.OutputFormat;
import dev.magnetar.cli.output.OutputOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code functions get}: prints the stored definition as YAML (usable as --function-config-file). */
@Command(name = "get", description = "Print a function's definition as YAML.",
        footer = {"", "Examples:",
                "  magnetar functions get --name exclamation > function.yaml",
                "  magnetar functions get --name exclamation --output-format json"})
public final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    OutputOptions output;
    @Mixin
    IdentityOptions identity;

    @Override
    public Integer call() {
        FunctionRef ref = identity.require(spec);
        var definition = admin.admin().get(ref).orElseThrow(() -> new CliException(
                "function " + ref + " not found (HTTP 404): list the defined ones with magnetar functions list"));
        output.print(spec.commandLine().getOut(), OutputFormat.yaml, definition, () -> summary(ref, definition));
        return 0;
    }

    private static String summary(FunctionRef ref, JsonNode definition) {
        JsonNode fnSpec = definition.path("spec");
        JsonNode row = FunctionDocuments.json().createObjectNode()
                .put("fqfn", ref.fqfn())
                .put("inputs", joined(fnSpec.path("inputs")))
                .put("output", fnSpec.path("output").asText("-"))
                .put("replicas", fnSpec.path("replicas").asText("-"));
        return KeyValueTable.render(row);
    }

    private static String joined(JsonNode list) {
        List<String> items = new ArrayList<>();
        list.forEach(item -> items.add(item.asText()));
        return items.isEmpty() ? "-" : String.join(",", items);
    }
}
