package dev.magnetar.api.validation;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Definitions built field by field ({@link FuzzedFunctions}) reach every check of the validator, which answers
 * with violations and never throws; what it accepts satisfies {@link DefinitionInvariants}.
 */
class FunctionValidatorFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyFieldValuesAreViolationsOrAUsableDefinition(FuzzedDataProvider data) {
        DefinitionInvariants.check(FuzzedFunctions.from(data));
    }
}
