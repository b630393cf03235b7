package dev.magnetar.gateway.cors;

import dev.magnetar.gateway.http.GatewayConfig;
import dev.magnetar.gateway.http.GatewayError;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.cors.CorsFilter;
import java.util.Optional;

/**
 * CORS for the gateway's routes only, by {@link CorsConfig}. Micronaut's own CORS ({@code micronaut.server.cors})
 * applies to every route of the server, and the control plane serves its admin API on the same one: opening the
 * gateway to a web page must not open the admin API with it.
 *
 * <p>A preflight is answered here, before authentication (browsers send it without credentials): 204 with the
 * allowing headers, or 403 saying what is not allowed. A request from an allowed origin gets the headers that let
 * the page read its answer; one from any other origin runs as it would without CORS, and the browser keeps the
 * answer from the page. Micronaut's own filter still refuses a page of a remote origin calling a server that listens
 * on loopback ({@code micronaut.server.cors.localhost-pass-through} lifts that).
 */
@ServerFilter({"/function/**", "/async-function/**", "/calls/**"})
@Requires(property = GatewayConfig.ENABLED_PROPERTY, notEquals = "false")
public class GatewayCorsFilter implements Ordered {
    private final CorsPolicy policy;

    public GatewayCorsFilter(CorsConfig config) {
        this.policy = new CorsPolicy(config);
    }

    /** Ahead of Micronaut's own CORS filter, and so of authentication: the gateway's routes answer by these settings. */
    @Override
    public int getOrder() {
        return CorsFilter.CORS_FILTER_ORDER - 1;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> answerPreflight(HttpRequest<?> request) {
        if (!isPreflight(request)) {
            return null;
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        String method = request.getHeaders().get(CorsPolicy.REQUEST_METHOD);
        String headers = request.getHeaders().get(CorsPolicy.REQUEST_HEADERS);
        Optional<String> refusal = policy.preflightRefusal(origin, method, headers);
        MutableHttpResponse<?> response = refusal
                .<MutableHttpResponse<?>>map(reason -> HttpResponse.status(HttpStatus.FORBIDDEN)
                        .contentType(MediaType.APPLICATION_JSON_TYPE).body(new GatewayError(reason)))
                .orElseGet(() -> {
                    MutableHttpResponse<?> allowed = HttpResponse.noContent();
                    policy.preflightHeaders(origin, headers).forEach(allowed::header);
                    return allowed;
                });
        if (policy.enabled()) {
            response.header(HttpHeaders.VARY, "Origin, " + CorsPolicy.REQUEST_METHOD + ", "
                    + CorsPolicy.REQUEST_HEADERS);
        }
        return response;
    }

    @ResponseFilter
    public void allowReading(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null || !policy.enabled() || isPreflight(request)) {
            return;
        }
        policy.answerHeaders(origin, request.getMethodName()).forEach(response::header);
        response.header(HttpHeaders.VARY, "Origin");
    }

    private static boolean isPreflight(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.OPTIONS && request.getHeaders().contains(HttpHeaders.ORIGIN)
                && request.getHeaders().contains(CorsPolicy.REQUEST_METHOD);
    }
}
