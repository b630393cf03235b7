package dev.magnetar.samples.exclamation;

import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.Function;

/** The "hello world" of Pulsar Functions: appends an exclamation mark to every input. */
public class ExclamationFunction implements Function<String, String> {

    @Override
    public String process(String input, Context context) {
        return input + "!";
    }
}
