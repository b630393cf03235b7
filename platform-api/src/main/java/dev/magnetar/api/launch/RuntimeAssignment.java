package dev.magnetar.api.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The function a generic JVM of standalone's warm pool is given ({@link Option#ASSIGNMENT}): the settings a normal
 * launch would have passed, by their environment variable names, as one line of JSON on the JVM's standard input.
 * It stands in for the environment the JVM would have been started with, which cannot change once it runs: the
 * runtime reads it where it reads its environment, and its command line still wins.
 *
 * <p>Only the runtime's own settings travel this way (an {@link Option}'s variable). A function's own variables
 * ({@code spec.env}, {@code spec.secrets}) must be in a JVM's environment from its start, where {@code System.getenv}
 * reads them, so a function that has any never runs in a pooled JVM. The settings hold secrets (the function's Pulsar
 * token, its replica access token): a pipe only the parent and the child hold carries them, and nothing prints them.
 *
 * @param settings value by environment variable name
 */
public record RuntimeAssignment(Map<String, String> settings) {
    /** The only source {@link Option#ASSIGNMENT} names: one line on standard input. */
    public static final String STDIN = "stdin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VARIABLES = Arrays.stream(Option.values())
            .filter(option -> option != Option.ASSIGNMENT).map(Option::variable)
            .collect(Collectors.toUnmodifiableSet());

    public RuntimeAssignment {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (!carries(setting.getKey())) {
                throw new IllegalArgumentException("'" + setting.getKey() + "' is not a setting of the runtime: an"
                        + " assignment carries only the runtime's own variables (" + RuntimeLaunch.ENVIRONMENT_PREFIX
                        + "...), not " + Option.ASSIGNMENT.variable());
            }
            if (setting.getValue() == null) {
                throw new IllegalArgumentException(setting.getKey() + " has no value in the assignment");
            }
        }
        settings = Map.copyOf(settings);
    }

    /** Whether {@code variable} may travel in an assignment: a setting of the runtime's, not a function's own. */
    public static boolean carries(String variable) {
        return VARIABLES.contains(variable);
    }

    /** One line of JSON, with no line break (JSON escapes those inside values). */
    public String toLine() {
        try {
            return JSON.writeValueAsString(new TreeMap<>(settings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /**
     * Reads {@link #toLine()}. The message of a failure names no part of the line, which holds secrets.
     *
     * @throws IllegalArgumentException when the line is not one JSON object of the runtime's settings
     */
    public static RuntimeAssignment parse(String line) {
        Map<String, String> settings;
        try {
            settings = JSON.readValue(line, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the assignment is not one JSON object of strings", e);
        }
        if (settings == null) {
            throw new IllegalArgumentException("the assignment is not one JSON object of strings");
        }
        return new RuntimeAssignment(settings);
    }

    /** The names only: the values hold secrets, which a record's own toString would print. */
    @Override
    public String toString() {
        return "RuntimeAssignment" + new TreeMap<>(settings).keySet();
    }
}
