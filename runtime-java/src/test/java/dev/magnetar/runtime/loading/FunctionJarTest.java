package dev.magnetar.runtime.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.function.FunctionKind;
import dev.magnetar.runtime.config.ConfigurationException;
import dev.magnetar.runtime.fixtures.ContextProbeFunction;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FunctionJarTest {

    @Test
    void loadsTheExclamationSampleFromItsJar() throws Exception {
        LoadedFunction function = FunctionJar.load(Definitions.exclamationJar(), Definitions.EXCLAMATION_CLASS);
        assertThat(function.kind()).isEqualTo(FunctionKind.PULSAR);
        assertThat(function.inputType()).isEqualTo(String.class);
        assertThat(function.apply("hi", null)).isEqualTo("hi!");
    }

    @Test
    void callsUserCodeWithTheFunctionsClassLoaderAsContextLoader() throws Exception {
        Path jar = FixtureJar.path();
        LoadedFunction function = FunctionJar.load(jar, ContextProbeFunction.class.getName());
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        function.userCode().call(() -> {
            seen.set(Thread.currentThread().getContextClassLoader());
            return null;
        });
        assertThat(seen.get()).isSameAs(function.userCode().loader());
        assertThat(seen.get().getName()).isEqualTo("function:fixture-functions.jar");
        assertThat(Thread.currentThread().getContextClassLoader()).isNotSameAs(seen.get());
    }

    @Test
    void namesAClassThatIsNotInTheJar() {
        assertThatThrownBy(() -> FunctionJar.load(Definitions.exclamationJar(), "com.example.Missing"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("spec.runtime.className: cannot load 'com.example.Missing'")
                .hasMessageContaining("exclamation.jar");
    }

    @Test
    void rejectsAClassThatIsNoFunction() {
        assertThatThrownBy(() -> FunctionJar.load(FixtureJar.path(), FixtureJar.class.getName()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("implements neither org.apache.pulsar.functions.api.Function nor java.util.function.Function");
    }
}
