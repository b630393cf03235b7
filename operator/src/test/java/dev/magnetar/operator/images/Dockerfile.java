package dev.magnetar.operator.images;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of one of our Dockerfiles a test can check without Docker: what is copied where, the
 * user, the environment and the entry point. Only the instruction forms our Dockerfiles use.
 */
record Dockerfile(Path path, String from, Map<String, String> copies, String user, Map<String, String> env,
                  List<String> entrypoint, List<Integer> exposed) {

    static Dockerfile read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String from = null;
        String user = null;
        Map<String, String> copies = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> entrypoint = List.of();
        List<Integer> exposed = new ArrayList<>();
        for (String line : text.replaceAll("\\\\\\n", " ").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            String instruction = line.split("\\s+", 2)[0];
            String arguments = line.substring(instruction.length()).strip();
            switch (instruction) {
                case "FROM" -> from = arguments;
                case "USER" -> user = arguments;
                case "COPY" -> {
                    List<String> words = words(arguments);
                    copies.put(words.get(0), words.get(1));
                }
                case "ENV" -> words(arguments).forEach(pair -> {
                    int equals = pair.indexOf('=');
                    env.put(pair.substring(0, equals), pair.substring(equals + 1));
                });
                case "ENTRYPOINT" -> entrypoint = json(arguments);
                case "EXPOSE" -> words(arguments).forEach(port -> exposed.add(Integer.parseInt(port)));
                case "RUN" -> { }
                default -> throw new IllegalArgumentException(path + ": instruction " + instruction + " is not understood by this test");
            }
        }
        return new Dockerfile(path, from, copies, user, env, entrypoint, exposed);
    }

    /** Where the file copied to {@code imagePath} comes from in the build tree; the path itself when not copied. */
    Path hostPath(Path context, String imagePath) {
        for (Map.Entry<String, String> copy : copies.entrySet()) {
            String target = copy.getValue();
            if (imagePath.equals(target) || (target.endsWith("/") && imagePath.startsWith(target))) {
                return context.resolve(copy.getKey() + imagePath.substring(target.length()));
            }
        }
        return Path.of(imagePath);
    }

    /** Splits on blanks outside double quotes and drops the quotes. */
    private static List<String> words(String arguments) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : arguments.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    private static List<String> json(String array) {
        try {
            return new ObjectMapper().readValue(array, new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("ENTRYPOINT must be the exec (JSON array) form, was " + array, e);
        }
    }
}
