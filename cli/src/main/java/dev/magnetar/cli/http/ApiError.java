package dev.magnetar.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Reads the reason out of an error answer: Pulsar's {@code {"reason": "..."}}, else the body text. */
public final class ApiError {
    private static final int MAX_TEXT = 500;

    private ApiError() {
    }

    /** One line: the server's reason and the HTTP status, e.g. {@code function not found (HTTP 404)}. */
    public static CliException of(HttpResponse<byte[]> response) {
        return new CliException(reason(response) + " (HTTP " + response.statusCode() + ")");
    }

    public static String reason(HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8).strip();
        if (body.isEmpty()) {
            return "request to " + response.uri().getPath() + " failed";
        }
        try {
            JsonNode tree = FunctionDocuments.json().readTree(body);
            for (String field : new String[] {"reason", "message"}) {
                JsonNode value = tree.path(field);
                if (value.isTextual() && !value.asText().isBlank()) {
                    return value.asText();
                }
            }
        } catch (Exception notJson) {
            // a plain-text error body is the reason itself
        }
        return body.length() > MAX_TEXT ? body.substring(0, MAX_TEXT) + "..." : body;
    }
}
