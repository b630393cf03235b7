package dev.magnetar.samples.wordcount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.Function;

/**
 * Counts the words of each input line. Every distinct word is published, keyed by the word, to
 * the topic named by the {@code countsTopic} user config as {@code word=count}; the function's
 * own result is a one-line summary. User config: {@code countsTopic} (required), {@code minLength}
 * (shorter words are ignored, default 1), {@code separator} (a regular expression, default
 * whitespace).
 */
public class WordCountFunction implements Function<String, CompletableFuture<String>> {
    static final String COUNTS_TOPIC = "countsTopic";
    static final String MIN_LENGTH = "minLength";
    static final String SEPARATOR = "separator";

    @Override
    public CompletableFuture<String> process(String input, Context context) throws PulsarClientException {
        Map<String, Integer> counts = count(input, context);
        String topic = countsTopic(context);
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            sends.add(context.newOutputMessage(topic, Schema.STRING)
                    .key(entry.getKey())
                    .value(entry.getKey() + "=" + entry.getValue())
                    .sendAsync());
        }
        int words = counts.values().stream().mapToInt(Integer::intValue).sum();
        String summary = words + " words, " + counts.size() + " distinct";
        // Complete only when every count is stored, so the input is acked after its outputs exist.
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenApply(done -> summary);
    }

    static Map<String, Integer> count(String input, Context context) {
        Pattern separator = Pattern.compile(String.valueOf(context.getUserConfigValueOrDefault(SEPARATOR, "\\s+")));
        int minLength = Integer.parseInt(String.valueOf(context.getUserConfigValueOrDefault(MIN_LENGTH, 1)));
        Map<String, Integer> counts = new TreeMap<>();
        for (String word : separator.split(input)) {
            if (!word.isEmpty() && word.length() >= minLength) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static String countsTopic(Context context) {
        return context.getUserConfigValue(COUNTS_TOPIC).map(String::valueOf)
                .orElseThrow(() -> new IllegalStateException("user config '" + COUNTS_TOPIC
                        + "' is not set: add spec.userConfig." + COUNTS_TOPIC + " with the topic for the word counts"));
    }
}
