package dev.magnetar.cli.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls a function synchronously through the control plane's gateway: {@code POST /function/t/ns/name}. */
public final class GatewayClient {
    /** The gateway's per-request deadline override (capped by its magnetar.gateway.max-timeout). */
    public static final String TIMEOUT_HEADER = "X-Magnetar-Timeout-Ms";
    /** Extra wait over the function's own deadline, so the gateway's 504 arrives before our timeout. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final ControlPlaneHttp http;

    public GatewayClient(ControlPlaneHttp http) {
        this.http = http;
    }

    /**
     * Posts the payload; a non-2xx answer is returned, not thrown, so the caller can print its reason.
     *
     * @param timeout how long the caller waits for the function, or null for the function's own timeout;
     *                sent in {@link #TIMEOUT_HEADER} so the gateway uses it as the request's deadline
     */
    public HttpResponse<byte[]> invoke(FunctionRef ref, byte[] payload, String contentType, Duration timeout) {
        String path = "function/" + ref.tenant() + "/" + ref.namespace() + "/" + ref.name();
        HttpRequest.Builder request = HttpRequest.newBuilder(http.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (timeout != null) {
            request.header(TIMEOUT_HEADER, String.valueOf(timeout.toMillis()));
        }
        request.timeout((timeout == null ? Duration.ofMinutes(5) : timeout).plus(MARGIN));
        return http.send(request.build());
    }
}
