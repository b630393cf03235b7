package dev.magnetar.api.function;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pulsar.functions.api.Context;
import org.junit.jupiter.api.Test;

class FunctionKindTest {

    static class PulsarEcho implements org.apache.pulsar.functions.api.Function<String, String> {
        @Override
        public String process(String input, Context context) {
            return input;
        }
    }

    /** Both interfaces: Pulsar's comes first, as the runtime calls it with a Context. */
    static class Both extends PulsarEcho implements java.util.function.Function<String, String> {
        @Override
        public String apply(String input) {
            return input;
        }
    }

    static class JavaEcho implements java.util.function.Function<String, String> {
        @Override
        public String apply(String input) {
            return input;
        }
    }

    abstract static class AbstractEcho implements java.util.function.Function<String, String> {
    }

    static class Helper {
    }

    static class Counting implements org.apache.pulsar.functions.api.WindowFunction<String, Integer> {
        @Override
        public Integer process(java.util.Collection<org.apache.pulsar.functions.api.Record<String>> input,
                               org.apache.pulsar.functions.api.WindowContext context) {
            return input.size();
        }
    }

    @Test
    void aWindowFunctionRunsOnlyWithWindowsAndAPulsarFunctionOnlyWithout() {
        assertThat(FunctionKind.of(Counting.class)).contains(FunctionKind.WINDOW);
        assertThat(FunctionKind.problem(Counting.class, true)).isEmpty();
        assertThat(FunctionKind.problem(Counting.class, false)).hasValueSatisfying(problem ->
                assertThat(problem).contains("WindowFunction", "spec.window"));
        assertThat(FunctionKind.problem(PulsarEcho.class, true)).hasValueSatisfying(problem ->
                assertThat(problem).contains("spec.window"));
        assertThat(FunctionKind.problem(JavaEcho.class, true)).as("a Collection input is the runtime's check").isEmpty();
        assertThat(FunctionKind.problem(PulsarEcho.class, false)).isEmpty();
    }

    @Test
    void aClassIsMatchedAgainstPulsarsInterfaceFirst() {
        assertThat(FunctionKind.of(PulsarEcho.class)).contains(FunctionKind.PULSAR);
        assertThat(FunctionKind.of(Both.class)).contains(FunctionKind.PULSAR);
        assertThat(FunctionKind.of(JavaEcho.class)).contains(FunctionKind.JAVA);
        assertThat(FunctionKind.of(Helper.class)).isEmpty();
    }

    @Test
    void theInterfaceIsTheOneTheClassesLoaderSees() {
        assertThat(FunctionKind.PULSAR.interfaceOf(PulsarEcho.class))
                .contains(org.apache.pulsar.functions.api.Function.class);
        assertThat(FunctionKind.PULSAR.interfaceOf(String.class)).as("the JDK's own loader has no Pulsar").isEmpty();
        assertThat(FunctionKind.JAVA.interfaceOf(String.class)).contains(java.util.function.Function.class);
    }

    @Test
    void aProblemSaysWhatTheClassLacksAndWhatToDo() {
        assertThat(FunctionKind.problem(PulsarEcho.class)).isEmpty();
        assertThat(FunctionKind.problem(JavaEcho.class)).isEmpty();
        assertThat(FunctionKind.problem(Helper.class)).contains(Helper.class.getName() + " implements neither"
                + " org.apache.pulsar.functions.api.Function nor java.util.function.Function nor"
                + " org.apache.pulsar.functions.api.WindowFunction: implement one of them");
        assertThat(FunctionKind.problem(AbstractEcho.class)).hasValueSatisfying(problem ->
                assertThat(problem).startsWith(AbstractEcho.class.getName() + " is abstract").contains("concrete class"));
        assertThat(FunctionKind.problem(java.util.function.Function.class)).as("an interface is abstract too")
                .hasValueSatisfying(problem -> assertThat(problem).contains("is abstract"));
    }
}
