package dev.magnetar.cli.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.InputSpec;
import dev.magnetar.cli.CliException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** pulsar-admin's schema and serde flags become the spec's encoding fields, their topics inputs. */
class SchemaFlagsTest {

    private static FunctionSpec apply(String... args) {
        SchemaFlags flags = new SchemaFlags();
        new CommandLine(flags).parseArgs(args);
        FunctionSpec spec = new FunctionSpec();
        spec.setInputs(List.of("in"));
        spec.setOutput("out");
        flags.applyTo(spec);
        return spec;
    }

    @Test
    void eachFlagSetsItsField() {
        FunctionSpec spec = apply("--schema-type", "AVRO", "--output-serde-classname", "a.OutSerDe",
                "--custom-serde-inputs", "{\"serde-in\": \"a.SerDe\"}",
                "--custom-schema-inputs", "{\"in\": \"JSON\"}",
                "--input-specs", "{\"spec-in\": {\"schemaType\": \"PROTOBUF\", \"schemaProperties\": {\"k\": \"v\"}},"
                        + " \"orders-.*\": {\"schemaType\": \"AVRO\", \"regexPattern\": true}}",
                "--custom-schema-outputs", "{\"out\": \"{\\\"schemaProperties\\\": {\\\"x\\\": \\\"y\\\"}}\"}");

        assertThat(spec.getOutputSchemaType()).isEqualTo("AVRO");
        assertThat(spec.getOutputSerdeClassName()).isEqualTo("a.OutSerDe");
        assertThat(spec.getOutputSchemaProperties()).isEqualTo(Map.of("x", "y"));
        assertThat(spec.getInputs()).containsExactly("in", "serde-in", "spec-in");
        assertThat(spec.getTopicsPattern()).isEqualTo("orders-.*");
        assertThat(spec.getInputSpecs())
                .containsEntry("serde-in", new InputSpec(null, "a.SerDe", null))
                .containsEntry("in", new InputSpec("JSON", null, null))
                .containsEntry("spec-in", new InputSpec("PROTOBUF", null, Map.of("k", "v")))
                .containsEntry("orders-.*", new InputSpec("AVRO", null, null));
    }

    @Test
    void aMalformedValueIsAUsageErrorNamingTheFlag() {
        assertThatThrownBy(() -> apply("--custom-schema-inputs", "in=AVRO")).isInstanceOf(CliException.class)
                .hasMessageStartingWith("invalid --custom-schema-inputs 'in=AVRO'");
        assertThatThrownBy(() -> apply("--custom-schema-outputs", "{\"other\": \"{}\"}")).isInstanceOf(CliException.class)
                .hasMessageContaining("key it by the --output topic");
    }
}
