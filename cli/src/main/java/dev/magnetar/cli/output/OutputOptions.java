package dev.magnetar.cli.output;

import dev.magnetar.api.yaml.FunctionDocuments;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code --output-format table|json|yaml}; without it each verb keeps its usual output. */
public final class OutputOptions {
    @Option(names = "--output-format", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES}. Default: table for list and status, yaml for get, json for stats")
    OutputFormat format;

    /** Prints {@code value} in the chosen format, or {@code fallback} when the flag is absent. */
    public void print(PrintWriter out, OutputFormat fallback, Object value, Supplier<String> table) {
        OutputFormat chosen = format == null ? fallback : format;
        String text = switch (chosen) {
            case table -> table.get();
            case json -> FunctionDocuments.json().valueToTree(value).toPrettyString() + System.lineSeparator();
            case yaml -> FunctionDocuments.toYaml(value);
        };
        out.print(text);
        out.flush();
    }
}
