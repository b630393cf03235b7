package dev.magnetar.api.yaml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes {@link Function} documents (YAML or JSON). Unknown fields are errors: a typo
 * in a definition must not be silently ignored.
 */
public final class FunctionDocuments {
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));
    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final String KIND = HasMetadata.getKind(Function.class);

    private FunctionDocuments() {
    }

    /** Parses YAML or JSON (JSON is YAML). Errors name the field path and the offending value. */
    public static Function parse(String text) {
        if (text == null || text.isBlank()) {
            throw new DocumentException("the document is empty: expected a Function with apiVersion "
                    + Function.API_VERSION);
        }
        try {
            JsonNode document = YAML.readTree(text);
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
        } else if (what.startsWith("Cannot deserialize value of type") && what.contains("from Array value")) {
            what = "expected a mapping of fields, got a list";
        } else if (what.startsWith("Cannot deserialize value of type")) {
            int accepted = what.indexOf("not one of the values accepted for Enum class:");
            Object value = e instanceof InvalidFormatException format ? format.getValue() : null;
            String given = value == null ? "invalid value" : "'" + value + "' is not accepted";
            what = accepted > 0 ? given + "; use one of " + what.substring(what.indexOf('[', accepted))
                    : given + ": " + what;
        }
        return (path.isEmpty() ? "document" : path) + ": " + what;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
