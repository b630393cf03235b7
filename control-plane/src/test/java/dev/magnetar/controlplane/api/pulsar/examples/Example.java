package dev.magnetar.controlplane.api.pulsar.examples;

import java.util.Locale;
import java.util.function.Consumer;
import org.apache.pulsar.common.functions.FunctionConfig;

/**
 * One function of Pulsar's examples jar: what a Pulsar user adds to its {@link FunctionConfig} to deploy it, what
 * they send it, and what they then find, as on Pulsar.
 *
 * @param className the example's class, as given to {@code --classname}
 * @param configure what the example needs beyond a name, its class, its input and its output
 * @param feed      what is sent to its input
 * @param check     what must come out, within {@link ExampleRun#FIRST_OUTPUT}
 */
public record Example(String className, Consumer<FunctionConfig> configure, ExampleRun.Step feed,
                      ExampleRun.Step check) {
    public static final String PACKAGE = "org.apache.pulsar.functions.api.examples.";

    /** {@code ExclamationFunction} is {@code ex-exclamationfunction}; a window one {@code ex-window-...}. */
    public String functionName() {
        return "ex-" + className.substring(PACKAGE.length()).replace('.', '-').toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return className.substring(PACKAGE.length());
    }
}
