package dev.magnetar.gateway.cors;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What {@link CorsConfig} allows: whether a cross-origin request may go on, and the headers that say so. */
final class CorsPolicy {
    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    static final String MAX_AGE = "Access-Control-Max-Age";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";

    private final CorsConfig config;
    private final List<String> allowedHeaders;

    CorsPolicy(CorsConfig config) {
        this.config = config;
        this.allowedHeaders = config.allowedHeaders().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    boolean enabled() {
        return config.enabled();
    }

    /** Why a preflight for {@code method} with {@code requestedHeaders} from {@code origin} is refused, if it is. */
    Optional<String> preflightRefusal(String origin, String method, String requestedHeaders) {
        if (!enabled()) {
            return Optional.of("cross-origin calls to the gateway are not allowed: " + CorsConfig.ALLOWED_ORIGINS
                    + " lists no origin");
        }
        if (!allowsOrigin(origin)) {
            return Optional.of("origin '" + origin + "' may not call the gateway: it is not in "
                    + CorsConfig.ALLOWED_ORIGINS);
        }
        if (!allowsMethod(method)) {
            return Optional.of("method '" + method + "' is not allowed from other origins: it is not in "
                    + CorsConfig.ALLOWED_METHODS);
        }
        for (String header : headerNames(requestedHeaders)) {
            if (!allowedHeaders.contains(CorsConfig.ANY) && !allowedHeaders.contains(header)) {
                return Optional.of("request header '" + header + "' is not allowed from other origins: it is not in "
                        + CorsConfig.ALLOWED_HEADERS);
            }
        }
        return Optional.empty();
    }

    /** The answer to an allowed preflight. */
    Map<String, String> preflightHeaders(String origin, String requestedHeaders) {
        Map<String, String> headers = originHeaders(origin);
        headers.put(ALLOW_METHODS, String.join(", ", config.allowedMethods()));
        List<String> requested = headerNames(requestedHeaders);
        if (!requested.isEmpty()) {
            headers.put(ALLOW_HEADERS, String.join(", ", requested));
        }
        headers.put(MAX_AGE, Long.toString(config.maxAge().toSeconds()));
        return headers;
    }

    /** The headers that let the page read the answer to its request, or none when it may not. */
    Map<String, String> answerHeaders(String origin, String method) {
        if (!allowsOrigin(origin) || !allowsMethod(method)) {
            return Map.of();
        }
        Map<String, String> headers = originHeaders(origin);
        if (!config.exposedHeaders().isEmpty()) {
            headers.put(EXPOSE_HEADERS, String.join(", ", config.exposedHeaders()));
        }
        return headers;
    }

    private Map<String, String> originHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ALLOW_ORIGIN, origin);
        if (config.allowCredentials()) {
            headers.put(ALLOW_CREDENTIALS, "true");
        }
        return headers;
    }

    private boolean allowsOrigin(String origin) {
        return config.allowedOrigins().contains(CorsConfig.ANY)
                || config.allowedOrigins().contains(origin.toLowerCase(Locale.ROOT));
    }

    private boolean allowsMethod(String method) {
        return method != null && config.allowedMethods().contains(method.toUpperCase(Locale.ROOT));
    }

    private static List<String> headerNames(String requestedHeaders) {
        if (requestedHeaders == null) {
            return List.of();
        }
        return Arrays.stream(requestedHeaders.split(",")).map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }
}
