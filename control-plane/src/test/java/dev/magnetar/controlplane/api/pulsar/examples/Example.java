package dev.magnetar.controlplane.api.pulsar.examples;

import java.util.Locale;
import java.util.function.Consumer;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.functions.FunctionConfig;

/**
 * One function of Pulsar's examples jar: what a Pulsar user adds to its {@link FunctionConfig} to deploy it, what
 * they send it, and what they then find, as on Pulsar.
 *
 * @param className the example's class, as given to {@code --classname}
 * @param configure what the example needs beyond a name, its class, its input and its output
 * @param feed      what is sent to its input
 * @param check     what must come out, within {@link ExampleRun#FIRST_OUTPUT}
 * @param producers the schema the producers of its input use, registered before the function is created (as by a
 *                  producer that runs already), so that its replica picks its input schema from the topic; null when
 *                  the function's input type decides
 */
public record Example(String className, Consumer<FunctionConfig> configure, ExampleRun.Step feed,
                      ExampleRun.Step check, Schema<?> producers) {
    public static final String PACKAGE = "org.apache.pulsar.functions.api.examples.";

    public Example(String className, Consumer<FunctionConfig> configure, ExampleRun.Step feed, ExampleRun.Step check) {
        this(className, configure, feed, check, null);
    }

    /** This example, its input topic holding {@code schema} before the function is created. */
    public Example producedWith(Schema<?> schema) {
        return new Example(className, configure, feed, check, schema);
    }

    /** {@code ExclamationFunction} is {@code ex-exclamationfunction}; a window one {@code ex-window-...}. */
    public String functionName() {
        return "ex-" + className.substring(PACKAGE.length()).replace('.', '-').toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return className.substring(PACKAGE.length());
    }
}
