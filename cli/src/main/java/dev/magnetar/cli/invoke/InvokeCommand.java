package dev.magnetar.cli.invoke;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.functions.AdminOptions;
import dev.magnetar.cli.http.ApiError;
import dev.magnetar.cli.http.FunctionRef;
import dev.magnetar.cli.http.GatewayClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magnetar invoke NAME --data ...}: one synchronous call through the gateway; prints the function's output. */
@Command(name = "invoke", description = "Call a function through the HTTP gateway and print its output.",
        footer = {"", "Examples:",
                "  magnetar invoke exclamation --data hello",
                "  magnetar invoke exclamation --data-file payload.json --content-type application/json"})
public final class InvokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name")
    String name;

    @Option(names = "--tenant", paramLabel = "TENANT", defaultValue = FunctionNames.DEFAULT_TENANT,
            description = "Pulsar tenant. Default: ${DEFAULT-VALUE}")
    String tenant;

    @Option(names = "--namespace", paramLabel = "NAMESPACE", defaultValue = FunctionNames.DEFAULT_NAMESPACE,
            description = "Pulsar namespace. Default: ${DEFAULT-VALUE}")
    String namespace;

    @ArgGroup(multiplicity = "1")
    Payload payload;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "Content type of the payload. Default: text/plain for --data, application/octet-stream for --data-file")
    String contentType;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "How long to wait for the result")
    Long timeoutMs;

    /** Exactly one of the two payload sources. */
    static final class Payload {
        @Option(names = "--data", paramLabel = "TEXT", required = true, description = "The payload, as text")
        String data;

        @Option(names = "--data-file", paramLabel = "FILE", required = true, description = "Read the payload from a file")
        Path dataFile;
    }

    @Override
    public Integer call() {
        if (timeoutMs != null && timeoutMs <= 0) {
            throw new CliException("invalid --timeout-ms " + timeoutMs + ": give a positive number of milliseconds",
                    CliException.USAGE, null);
        }
        HttpResponse<byte[]> response = new GatewayClient(admin.http()).invoke(
                new FunctionRef(tenant, namespace, name), body(), type(),
                timeoutMs == null ? null : Duration.ofMillis(timeoutMs));
        if (response.statusCode() / 100 != 2) {
            throw ApiError.of(response);
        }
        String output = new String(response.body(), StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.isEmpty() || output.endsWith("\n") ? output : output + System.lineSeparator());
        out.flush();
        return 0;
    }

    private byte[] body() {
        if (payload.data != null) {
            return payload.data.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(payload.dataFile);
        } catch (IOException e) {
            throw new CliException("--data-file '" + payload.dataFile + "': cannot read it ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", CliException.USAGE, e);
        }
    }

    private String type() {
        if (contentType != null) {
            return contentType;
        }
        return payload.data != null ? "text/plain; charset=utf-8" : "application/octet-stream";
    }
}
