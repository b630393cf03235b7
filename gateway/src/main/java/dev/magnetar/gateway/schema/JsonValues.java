package dev.magnetar.gateway.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Reading a request body as JSON, and the words that describe a JSON value in an error. */
final class JsonValues {
    private static final int SHOWN_CHARS = 40;
    private static final ObjectReader READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private JsonValues() {
    }

    /** The body as one JSON value; a body that is not JSON is a {@link Mismatch} saying where it breaks. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new Mismatch("", "the body is empty, expected a JSON value");
        }
        try {
            JsonNode node = READER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new Mismatch("", "the body is empty, expected a JSON value");
            }
            return node;
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    ? json.getOriginalMessage() + location(json) : e.getMessage();
            throw new Mismatch("", "the body is not JSON: " + reason);
        }
    }

    private static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    /** What a value is, for "expected X, got Y": {@code string "abc"}, {@code number 4.5}, {@code object}... */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            String text = node.asText();
            return "string \"" + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text) + "\"";
        }
        if (node.isNumber()) {
            return "number " + node.asText();
        }
        if (node.isBoolean()) {
            return "boolean " + node.asText();
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }

    static Mismatch expected(String path, String what, JsonNode got) {
        return new Mismatch(path, "expected " + what + ", got " + describe(got));
    }

    static long integral(JsonNode node, String path, String what, long min, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw expected(path, what + " (a whole number from " + min + " to " + max + ")", node);
        }
        return node.longValue();
    }

    static double number(JsonNode node, String path, String what) {
        if (!node.isNumber()) {
            throw expected(path, what + " (a JSON number)", node);
        }
        return node.doubleValue();
    }

    static String text(JsonNode node, String path, String what) {
        if (!node.isTextual()) {
            throw expected(path, what + " (a JSON string)", node);
        }
        return node.textValue();
    }

    static byte[] base64(JsonNode node, String path) {
        String text = text(node, path, "bytes");
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new Mismatch(path, "expected bytes as a base64 string, got " + describe(node) + ": " + e.getMessage());
        }
    }

    /** Epoch milliseconds from a number, or from an ISO-8601 instant or date ({@code 2024-05-01T10:00:00Z}). */
    static long epochMillis(JsonNode node, String path, String what) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.textValue()).toEpochMilli();
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return LocalDate.parse(node.textValue()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                } catch (DateTimeParseException notADate) {
                    // described below
                }
            }
        }
        throw expected(path, what + " (epoch milliseconds, or an ISO-8601 instant such as \"2024-05-01T10:00:00Z\")",
                node);
    }

    static <T> T iso(JsonNode node, String path, String what, String example, java.util.function.Function<String, T> parse) {
        if (node.isTextual()) {
            try {
                return parse.apply(node.textValue());
            } catch (DateTimeParseException e) {
                // described below
            }
        }
        throw expected(path, what + " (an ISO-8601 string such as \"" + example + "\")", node);
    }
}
