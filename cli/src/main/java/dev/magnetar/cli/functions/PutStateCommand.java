package dev.magnetar.cli.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.http.FunctionRef;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code functions putstate}: store a value in the function's state, given as Pulsar's FunctionState JSON. */
@Command(name = "putstate", description = "Store a value in a function's state. --state is Pulsar's FunctionState"
        + " JSON with the key and a stringValue or a byteValue (base64); counters change only through the function.",
        footer = {"", "Examples:",
                "  magnetar functions putstate --name state-word-count --state '{\"key\":\"greeting\",\"stringValue\":\"hi\"}'"})
public final class PutStateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    IdentityOptions identity;

    @Option(names = {"-s", "--state"}, paramLabel = "JSON", required = true,
            description = "FunctionState JSON: {\"key\": K, \"stringValue\": S} or {\"key\": K, \"byteValue\": BASE64}")
    String state;

    @Override
    public Integer call() {
        FunctionRef ref = identity.require(spec);
        admin.pulsar().putState(ref, key(state), state);
        spec.commandLine().getOut().println("stored key '" + key(state) + "' of " + ref.tenant() + "/"
                + ref.namespace() + "/" + ref.name());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The key the JSON names, which is also the URL's key; fails naming the flag when there is none. */
    static String key(String state) {
        JsonNode json;
        try {
            json = FunctionDocuments.json().readTree(state);
        } catch (IOException e) {
            throw new CliException("--state is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")
                    + "; give e.g. {\"key\":\"k\",\"stringValue\":\"v\"}", CliException.USAGE, e);
        }
        JsonNode key = json == null ? null : json.get("key");
        if (key == null || !key.isTextual() || key.asText().isEmpty()) {
            throw new CliException("--state has no \"key\": give e.g. {\"key\":\"k\",\"stringValue\":\"v\"}",
                    CliException.USAGE, null);
        }
        return key.asText();
    }
}
