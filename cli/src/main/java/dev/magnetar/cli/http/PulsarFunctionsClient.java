package dev.magnetar.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The verbs only Pulsar's Functions REST API has ({@code /admin/v3/functions/...}): trigger,
 * start, stop, restart, stats, querystate and putstate, sent the way Pulsar's admin client sends them.
 */
public final class PulsarFunctionsClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final ControlPlaneHttp http;

    public PulsarFunctionsClient(ControlPlaneHttp http) {
        this.http = http;
    }

    /** Publishes {@code value} to the function's input ({@code topic} when given) and returns its output. */
    public String trigger(FunctionRef ref, byte[] value, String topic) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("data", value);
        if (topic != null && !topic.isBlank()) {
            parts.put("topic", topic.getBytes(StandardCharsets.UTF_8));
        }
        String boundary = "magnetar-" + UUID.randomUUID();
        HttpRequest request = request(path(ref) + "/trigger")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, parts)))
                .build();
        return new String(expectSuccess(http.send(request)).body(), StandardCharsets.UTF_8);
    }

    /** {@code action} is start, stop or restart; {@code instanceId} null means every instance. */
    public void control(FunctionRef ref, String action, Integer instanceId) {
        String path = path(ref) + (instanceId == null ? "" : "/" + instanceId) + "/" + action;
        expectSuccess(http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** Pulsar's FunctionStats, or one instance's stats when {@code instanceId} is given. */
    public JsonNode stats(FunctionRef ref, Integer instanceId) {
        String path = path(ref) + (instanceId == null ? "" : "/" + instanceId) + "/stats";
        HttpResponse<byte[]> response = expectSuccess(http.send(request(path).GET().build()));
        try {
            return FunctionDocuments.json().readTree(response.body());
        } catch (IOException e) {
            throw new CliException("the control plane answered " + path + " with something that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    /** Pulsar's FunctionState of {@code key} in the function's state. */
    public JsonNode state(FunctionRef ref, String key) {
        String path = path(ref) + "/state/" + encode(key);
        HttpResponse<byte[]> response = expectSuccess(http.send(request(path).GET().build()));
        try {
            return FunctionDocuments.json().readTree(response.body());
        } catch (IOException e) {
            throw new CliException("the control plane answered " + path + " with something that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    /** Stores a FunctionState ({@code stateJson}, holding {@code key}) in the function's state. */
    public void putState(FunctionRef ref, String key, String stateJson) {
        String boundary = "magnetar-" + UUID.randomUUID();
        HttpRequest request = request(path(ref) + "/state/" + encode(key))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary,
                        Map.of("state", stateJson.getBytes(StandardCharsets.UTF_8)))))
                .build();
        expectSuccess(http.send(request));
    }

    static byte[] multipart(String boundary, Map<String, byte[]> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parts.forEach((name, value) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                    + "\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(value);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(http.resolve(path)).timeout(TIMEOUT).header("Accept", "application/json");
    }

    private static HttpResponse<byte[]> expectSuccess(HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw ApiError.of(response);
        }
        return response;
    }

    private static String path(FunctionRef ref) {
        return "admin/v3/functions/" + encode(ref.tenant()) + "/" + encode(ref.namespace()) + "/" + encode(ref.name());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
