package dev.magnetar.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.function.Quantities;
import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.util.List;

/**
 * What must hold for any {@link Function} a parser or mapper produced, however odd: the validator answers with
 * violations and never throws, and a definition it accepts can be resolved, copied, stored as YAML and read back
 * unchanged (the control plane's store and a replica's run file both travel as YAML).
 */
public final class DefinitionInvariants {
    private DefinitionInvariants() {
    }

    /** Checks {@code function}; answers whether the validator accepted it. */
    public static boolean check(Function function) {
        List<Violation> violations = FunctionValidator.validate(function);
        assertThat(violations).allSatisfy(violation -> {
            assertThat(violation.field()).isNotBlank();
            assertThat(violation.message()).isNotBlank();
        });
        if (!violations.isEmpty()) {
            assertThatThrownBy(() -> FunctionValidator.requireValid(function))
                    .isInstanceOf(InvalidFunctionException.class);
            return false;
        }
        ResolvedFunction resolved = ResolvedFunction.of(function);
        assertThat(resolved.fqfn()).isNotBlank();
        assertThat(resolved.requestTopic()).isNotNull();
        readQuantities(function.getSpec().getResources());
        String json = FunctionDocuments.toJson(function);
        assertThat(FunctionDocuments.toJson(FunctionDocuments.copy(function))).isEqualTo(json);
        Function reread = FunctionDocuments.parse(FunctionDocuments.toYaml(function));
        assertThat(FunctionDocuments.toJson(reread)).as("stored as YAML and read back").isEqualTo(json);
        assertThat(FunctionDocuments.toJson(FunctionDocuments.parse(json))).as("sent as JSON").isEqualTo(json);
        return true;
    }

    /**
     * A quantity the validator accepts is read as the amount it names: finite, not negative, not wrapped around.
     * Cores may be unreadable (a suffix other than m), which leaves the machine's processors in place.
     */
    private static void readQuantities(ResourcesSpec resources) {
        Double cores = resources == null || resources.cpu() == null ? null : Quantities.cores(resources.cpu());
        if (cores != null) {
            assertThat(cores).as("cores of %s", resources.cpu()).isFinite().isNotNegative();
        }
        if (resources != null && resources.memory() != null) {
            assertThat(Quantities.bytes(resources.memory())).as("bytes of %s", resources.memory()).isNotNull()
                    .isNotNegative();
        }
    }
}
