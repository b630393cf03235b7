package dev.magnetar.controlplane.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The admin API and the gateway of one control plane, over plain HTTP as any client sees them. */
public final class ControlPlaneClient {
    private static final String ADMIN = "/magnetar/v1/functions/public/default/";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ControlPlaneClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<String> create(String name, String json) {
        return send(request(ADMIN + name).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> createYaml(String name, String yaml) {
        return send(request(ADMIN + name).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)));
    }

    public HttpResponse<String> update(String name, String json) {
        return send(request(ADMIN + name).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> delete(String name) {
        return send(request(ADMIN + name).DELETE());
    }

    /** The status document of a function in public/default; fails unless the answer is 200. */
    public JsonNode status(String name) {
        HttpResponse<String> response = get(ADMIN + name + "/status");
        if (response.statusCode() != 200) {
            throw new AssertionError("status of " + name + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    public long readyInstances(String name) {
        JsonNode status = status(name);
        long ready = 0;
        for (JsonNode instance : status.get("instances")) {
            ready += instance.path("ready").asBoolean() ? 1 : 0;
        }
        return ready;
    }

    public HttpResponse<String> invoke(String name, String body) {
        return send(invokeRequest(name, body));
    }

    public CompletableFuture<HttpResponse<String>> invokeAsync(String name, String body) {
        return http.sendAsync(invokeRequest(name, body), HttpResponse.BodyHandlers.ofString());
    }

    /** An asynchronous call to a function in public/default: answered 202 with its call id, or a refusal. */
    public HttpResponse<String> invokeLater(String name, String body) {
        return send(request("/async-function/public/default/" + name).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static JsonNode json(String text) {
        try {
            return FunctionDocuments.json().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private HttpRequest invokeRequest(String name, String body) {
        return request("/function/public/default/" + name).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(90));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        return send(builder.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
