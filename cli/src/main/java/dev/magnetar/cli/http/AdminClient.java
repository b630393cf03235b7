package dev.magnetar.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The control plane's Magnetar-native admin API ({@code /magnetar/v1/functions/...}: whole {@code Function}
 * documents) over java.net.http. Pulsar's Functions REST API lives on {@code /admin/v3/functions}.
 */
public final class AdminClient {
    private static final String JSON = "application/json";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ControlPlaneHttp http;

    public AdminClient(ControlPlaneHttp http) {
        this.http = http;
    }

    public void create(FunctionRef ref, Function function) {
        expectSuccess(send(write(ref, "POST", function)));
    }

    public void update(FunctionRef ref, Function function) {
        expectSuccess(send(write(ref, "PUT", function)));
    }

    public void delete(FunctionRef ref) {
        expectSuccess(send(request(path(ref)).DELETE().build()));
    }

    /** The stored definition as a JSON tree (kept as a tree: the server may add fields we do not know). */
    public Optional<JsonNode> get(FunctionRef ref) {
        HttpResponse<byte[]> response = send(request(path(ref)).GET().build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(readTree(expectSuccess(response)));
    }

    public List<String> list(String tenant, String namespace) {
        JsonNode names = readTree(expectSuccess(send(request(base(tenant, namespace)).GET().build())));
        List<String> result = new ArrayList<>();
        names.forEach(name -> result.add(name.asText()));
        return result;
    }

    public FunctionStatusView status(FunctionRef ref) {
        HttpResponse<byte[]> response = expectSuccess(send(request(path(ref) + "/status").GET().build()));
        return FunctionStatusView.from(readTree(response));
    }

    private HttpRequest write(FunctionRef ref, String method, Function function) {
        return request(path(ref))
                .header("Content-Type", JSON)
                .method(method, HttpRequest.BodyPublishers.ofString(FunctionDocuments.toJson(function)))
                .build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(http.resolve(path)).timeout(TIMEOUT).header("Accept", JSON);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        return http.send(request);
    }

    private static HttpResponse<byte[]> expectSuccess(HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw ApiError.of(response);
        }
        return response;
    }

    private static JsonNode readTree(HttpResponse<byte[]> response) {
        try {
            return FunctionDocuments.json().readTree(response.body());
        } catch (IOException e) {
            throw new CliException("the control plane answered " + response.uri().getPath()
                    + " with something that is not JSON: " + e.getMessage(), e);
        }
    }

    private static String path(FunctionRef ref) {
        return base(ref.tenant(), ref.namespace()) + "/" + encode(ref.name());
    }

    private static String base(String tenant, String namespace) {
        return "magnetar/v1/functions/" + encode(tenant) + "/" + encode(namespace);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
