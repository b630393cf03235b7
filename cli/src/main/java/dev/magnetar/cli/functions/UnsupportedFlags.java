package dev.magnetar.cli.functions;

import dev.magnetar.cli.CliException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * pulsar-admin flags Magnetar has no use for. They are accepted by the parser so a copied
 * pulsar-admin command line gets a clear answer naming the flag, never a silent drop: Magnetar
 * encodes by the function's types.
 */
public final class UnsupportedFlags {
    private static final String ENCODING = "is not supported: Magnetar encodes by the function's types (String:"
            + " UTF-8 text, byte[]: raw bytes, other types: JSON), so there is no serde class or schema type to set;"
            + " remove it";

    @Option(names = "--custom-serde-inputs", paramLabel = "JSON", description = "Not supported", hidden = true)
    String customSerdeInputs;

    @Option(names = "--custom-schema-inputs", paramLabel = "JSON", description = "Not supported", hidden = true)
    String customSchemaInputs;

    @Option(names = "--custom-schema-outputs", paramLabel = "JSON", description = "Not supported", hidden = true)
    String customSchemaOutputs;

    @Option(names = "--output-serde-classname", paramLabel = "CLASS", description = "Not supported", hidden = true)
    String outputSerdeClassName;

    @Option(names = "--schema-type", paramLabel = "TYPE", description = "Not supported", hidden = true)
    String schemaType;

    @Option(names = "--input-specs", paramLabel = "JSON", description = "Not supported", hidden = true)
    String inputSpecs;

    /** @throws CliException (usage) naming the first unsupported flag given */
    void refuse() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("--custom-serde-inputs", customSerdeInputs);
        given.put("--custom-schema-inputs", customSchemaInputs);
        given.put("--custom-schema-outputs", customSchemaOutputs);
        given.put("--output-serde-classname", outputSerdeClassName);
        given.put("--schema-type", schemaType);
        given.put("--input-specs", inputSpecs);
        for (Map.Entry<String, String> flag : given.entrySet()) {
            if (flag.getValue() != null) {
                throw new CliException(flag.getKey() + " '" + flag.getValue() + "' " + ENCODING, CliException.USAGE, null);
            }
        }
    }
}
