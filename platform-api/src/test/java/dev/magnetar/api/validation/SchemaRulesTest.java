package dev.magnetar.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.SchemaSettings;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.InputSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRulesTest {

    private static Function withInput(InputSpec input) {
        Function function = FunctionValidatorTest.valid();
        function.getSpec().setInputSpecs(Map.of("in", input));
        return function;
    }

    @Test
    void acceptsSchemaTypesInAnyCaseAndClassNames() {
        Function function = withInput(new InputSpec("avro", null, Map.of("k", "v")));
        function.getSpec().setOutputSchemaType("org.example.OrderSchema");
        assertThat(FunctionValidator.validate(function)).isEmpty();

        function = withInput(new InputSpec(null, "org.example.OrderSerDe", null));
        function.getSpec().setOutputSerdeClassName("org.example.OrderSerDe");
        assertThat(FunctionValidator.validate(function)).isEmpty();
    }

    @Test
    void refusesAnUnknownSchemaTypeListingTheAllowedOnes() {
        Function function = withInput(new InputSpec("AVRO2", null, null));
        function.getSpec().setOutputSchemaType("yaml");

        assertThat(FunctionValidator.validate(function)).extracting(Violation::field)
                .containsExactly("spec.inputSpecs.in.schemaType", "spec.outputSchemaType");
        assertThat(FunctionValidator.validate(function).get(1).message())
                .contains("'yaml'", "INT32", "PROTOBUF_NATIVE", "AUTO_CONSUME", "Schema class");
    }

    @Test
    void refusesASchemaTypeTogetherWithASerdeAndASerdeThatIsNoClassName() {
        Function function = withInput(new InputSpec("JSON", "org.example.S", null));
        function.getSpec().setOutputSerdeClassName("Serde");

        assertThat(FunctionValidator.validate(function)).extracting(Violation::field)
                .containsExactly("spec.inputSpecs.in.serdeClassName", "spec.outputSerdeClassName");
    }

    @Test
    void refusesSettingsForATopicThatIsNoInput() {
        Function function = FunctionValidatorTest.valid();
        function.getSpec().setInputSpecs(Map.of("other", new InputSpec("STRING", null, null)));

        assertThat(FunctionValidator.validate(function)).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("spec.inputSpecs.other"))
                .satisfies(v -> assertThat(v.message()).contains("add it to spec.inputs"));
    }

    @Test
    void settingsAreKeptPerFullyQualifiedTopic() {
        Function function = withInput(new InputSpec(" AVRO ", "", null));
        function.getSpec().setOutputSchemaType("");

        SchemaSettings settings = SchemaSettings.of(function);

        assertThat(settings.input("persistent://public/default/in")).isEqualTo(new InputSpec("AVRO", null, Map.of()));
        assertThat(settings.input("persistent://public/default/other")).isEqualTo(SchemaSettings.DEFAULT_INPUT);
        assertThat(settings.outputSchemaType()).isNull();
    }
}
