package dev.magnetar.api.yaml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.SecretRef;
import dev.magnetar.api.validation.ReplicaPodRules;
import dev.magnetar.api.validation.Violation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes {@link Function} documents (YAML or JSON). Unknown fields are errors: a typo
 * in a definition must not be silently ignored.
 */
public final class FunctionDocuments {
    private static final ObjectMapper YAML = configure(new ObjectMapper(new LosslessYamlFactory(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .stringQuotingChecker(new ResolvedAsStringQuoting()))));
    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectReader JSON_DOCUMENT = JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String KIND = HasMetadata.getKind(Function.class);
    /**
     * Kubernetes keeps an object of at most about 1.5 MB, and a definition is a few kilobytes. The YAML reader's
     * time grows faster than the text (a 10 MB scalar takes half a minute), so a larger document is refused unread.
     */
    public static final int MAX_DOCUMENT_CHARS = 1 << 20;

    private FunctionDocuments() {
    }

    /** Parses YAML or JSON (JSON text is read as JSON). Errors name the field path and the offending value. */
    public static Function parse(String text) {
        if (text == null || text.isBlank()) {
            throw new DocumentException("the document is empty: expected a Function with apiVersion "
                    + Function.API_VERSION);
        }
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new DocumentException("the document has " + text.length() + " characters, over the limit of "
                    + MAX_DOCUMENT_CHARS + ": a Function is a few kilobytes; keep large data out of spec.userConfig");
        }
        try {
            JsonNode document = readTree(text);
            if (document == null || document.isMissingNode() || document.isNull()) {
                throw new DocumentException("the document is empty: expected a Function with apiVersion "
                        + Function.API_VERSION);
            }
            requireFunctionType(document);
            requireOverlayFields(document);
            return YAML.treeToValue(document, Function.class);
        } catch (JsonMappingException e) {
            throw new DocumentException(describe(e), e);
        } catch (JsonProcessingException e) {
            throw new DocumentException("not valid YAML or JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * JSON is read as JSON: YAML refuses characters JSON allows in a string (U+FFFF, most C1 controls) and folds
     * the line breaks it knows (U+0085, U+2028) inside one, so a definition some writer sent as JSON would
     * otherwise fail to read, or read changed. Text that is not JSON, a YAML flow mapping included, is YAML.
     */
    private static JsonNode readTree(String text) throws JsonProcessingException {
        if (text.stripLeading().startsWith("{")) {
            try {
                return JSON_DOCUMENT.readTree(text);
            } catch (JsonProcessingException notJson) {
                // YAML's own error says more about a document written as YAML
            }
        }
        return YAML.readTree(text);
    }

    public static Function read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (DocumentException e) {
            throw new DocumentException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DocumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep copy, through a JSON tree rather than text: a Function is mutable, and a stored one must not change. */
    public static Function copy(Function function) {
        try {
            return JSON.treeToValue(JSON.valueToTree(function), Function.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared JSON mapper (same settings as the YAML one), for callers that need a tree. */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * A document of another type is refused: {@link Function} would otherwise take it, since it sets its own
     * apiVersion and kind and ignores what the document says. Leaving both out is a Function, as a document
     * built from flags or from Pulsar's settings is.
     */
    private static void requireFunctionType(JsonNode document) {
        List<String> problems = new ArrayList<>();
        JsonNode apiVersion = document.path("apiVersion");
        if (!apiVersion.isMissingNode() && !apiVersion.isNull() && !Function.API_VERSION.equals(apiVersion.asText())) {
            problems.add("apiVersion: '" + apiVersion.asText() + "' is not accepted: write apiVersion: "
                    + Function.API_VERSION + " (a Magnetar Function)");
        }
        JsonNode kind = document.path("kind");
        if (!kind.isMissingNode() && !kind.isNull() && !KIND.equals(kind.asText())) {
            problems.add("kind: '" + kind.asText() + "' is not accepted: write kind: " + KIND
                    + " (only Magnetar Functions are read here)");
        }
        if (!problems.isEmpty()) {
            throw new DocumentException(String.join("; ", problems));
        }
    }

    /** Every field of spec.pod the overlay lacks, named at once, rather than the first as "unrecognized". */
    private static void requireOverlayFields(JsonNode document) {
        List<Violation> refused = ReplicaPodRules.unknownOverlayFields(document.path("spec").path("pod"));
        if (!refused.isEmpty()) {
            throw new DocumentException(refused.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
    }

    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() == SecretRef.class) {
            // Jackson's message quotes the value, and a value where a reference belongs is likely the secret itself.
            return path + ": expected a reference to a Secret, {name: <secret>, key: <key in it>}; what was given is"
                    + " not shown, as it may be the secret's value: put that in the Secret, never in the definition";
        }
        String what = e.getOriginalMessage();
        int detail = what.indexOf(" (");
        if (what.startsWith("Unrecognized field") && detail > 0) {
            what = what.substring(0, detail) + ": remove it or check its spelling";
        } else if (what.startsWith("Cannot deserialize value of type") && fromArray(what)) {
            what = "expected a mapping of fields, got a list";
        } else if (what.startsWith("Cannot deserialize value of type")) {
            // the accepted values come from the type: the message also holds the given value, which may hold anything
            Object value = e instanceof InvalidFormatException format ? format.getValue() : null;
            Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            String given = value == null ? "invalid value" : "'" + value + "' is not accepted";
            what = target != null && target.isEnum()
                    ? given + "; use one of " + Arrays.toString(target.getEnumConstants()) : given + ": " + what;
        }
        return (path.isEmpty() ? "document" : path) + ": " + what;
    }

    /** Whether the value was a list: said right after the type's name, before the message quotes any value. */
    private static boolean fromArray(String message) {
        int typeEnd = message.indexOf('`', message.indexOf('`') + 1);
        return typeEnd > 0 && message.startsWith(" from Array value", typeEnd + 1);
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
