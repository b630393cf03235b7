package dev.magnetar.cli.functions;

import dev.magnetar.cli.CliException;
import dev.magnetar.cli.http.FunctionRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code functions trigger}: publish one value to the function's input and print what it returned. */
@Command(name = "trigger", description = "Send a value to a function's input topic and print its output.",
        footer = {"", "Examples:", "  magnetar functions trigger --name exclamation --trigger-value hello"})
public final class TriggerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    IdentityOptions identity;

    @ArgGroup(multiplicity = "1")
    Value value;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Input topic to publish to. Default: the first input")
    String topic;

    static final class Value {
        @Option(names = "--trigger-value", paramLabel = "VALUE", description = "The value to send", required = true)
        String text;

        @Option(names = "--trigger-file", paramLabel = "FILE", description = "A file whose bytes are the value",
                required = true)
        Path file;
    }

    @Override
    public Integer call() {
        FunctionRef ref = identity.require(spec);
        String output = admin.pulsar().trigger(ref, bytes(), topic);
        spec.commandLine().getOut().println(output);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private byte[] bytes() {
        if (value.text != null) {
            return value.text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(value.file);
        } catch (IOException e) {
            throw new CliException("cannot read --trigger-file " + value.file + ": " + e.getMessage(), CliException.USAGE, e);
        }
    }
}
