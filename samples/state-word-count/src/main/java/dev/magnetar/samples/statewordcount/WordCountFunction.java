package dev.magnetar.samples.statewordcount;

import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.Function;

/**
 * Pulsar's stateful word count: each word of the input adds 1 to the counter of that word in the function's state.
 * Counters are shared by every replica and kept across restarts; nothing is published.
 */
public class WordCountFunction implements Function<String, Void> {

    @Override
    public Void process(String input, Context context) {
        for (String word : input.split("\\s+")) {
            if (!word.isEmpty()) {
                context.incrCounter(word, 1);
            }
        }
        return null;
    }
}
