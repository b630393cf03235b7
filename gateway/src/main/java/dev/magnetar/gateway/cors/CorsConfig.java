package dev.magnetar.gateway.cors;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which web pages may call the gateway's routes from a browser ({@code magnetar.gateway.cors.*}). None by default:
 * cross-origin calls are allowed only from the origins listed.
 *
 * @param allowedOrigins   origins allowed to call, e.g. {@code https://app.example.com}, or {@code *} for any; empty
 *                         allows none
 * @param allowedMethods   methods a page may use (the gateway's routes have {@code POST} and {@code GET})
 * @param allowedHeaders   request headers a page may send beyond the ones browsers always allow ({@code *} for any),
 *                         e.g. {@code Content-Type} for JSON, {@code Authorization}, {@code Idempotency-Key}
 * @param exposedHeaders   answer headers a page may read beyond the ones browsers always show
 * @param allowCredentials whether a page may send cookies or TLS client certificates; never with {@code *}
 * @param maxAge           how long a browser may reuse a preflight's answer
 */
@ConfigurationProperties(CorsConfig.PREFIX)
public record CorsConfig(
        @Nullable List<String> allowedOrigins,
        @Bindable(defaultValue = CorsConfig.DEFAULT_ALLOWED_METHODS) List<String> allowedMethods,
        @Nullable List<String> allowedHeaders,
        @Bindable(defaultValue = CorsConfig.DEFAULT_EXPOSED_HEADERS) List<String> exposedHeaders,
        @Bindable(defaultValue = "false") boolean allowCredentials,
        @Bindable(defaultValue = CorsConfig.DEFAULT_MAX_AGE) Duration maxAge) {

    public static final String PREFIX = "magnetar.gateway.cors";
    public static final String ALLOWED_ORIGINS = PREFIX + ".allowed-origins";
    public static final String ALLOWED_METHODS = PREFIX + ".allowed-methods";
    public static final String ALLOWED_HEADERS = PREFIX + ".allowed-headers";
    public static final String EXPOSED_HEADERS = PREFIX + ".exposed-headers";
    public static final String ALLOW_CREDENTIALS = PREFIX + ".allow-credentials";
    public static final String MAX_AGE = PREFIX + ".max-age";
    public static final String ANY = "*";
    public static final String DEFAULT_ALLOWED_METHODS = "POST,GET";
    /** The gateway's own answer headers, which a page could not read otherwise. */
    public static final String DEFAULT_EXPOSED_HEADERS = "Retry-After,X-Call-Id,X-Function-Status,X-Duration-Seconds,"
            + "Idempotent-Replayed";
    public static final String DEFAULT_MAX_AGE = "10m";
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public CorsConfig {
        allowedOrigins = trimmed(allowedOrigins).stream().map(CorsConfig::origin).toList();
        allowedMethods = tokens(ALLOWED_METHODS, allowedMethods).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        allowedHeaders = tokens(ALLOWED_HEADERS, allowedHeaders);
        exposedHeaders = tokens(EXPOSED_HEADERS, exposedHeaders);
        if (allowCredentials && allowedOrigins.contains(ANY)) {
            throw new IllegalArgumentException(ALLOW_CREDENTIALS + "=true cannot go with " + ALLOWED_ORIGINS + "=*:"
                    + " browsers refuse credentials for any origin; list the origins instead");
        }
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException(MAX_AGE + " must be a duration such as " + DEFAULT_MAX_AGE + " (0 to"
                    + " make browsers ask every time), was " + maxAge);
        }
    }

    /** Whether any origin may call at all. */
    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    /** An origin as browsers send it ({@code scheme://host[:port]}), in lower case as they compare it. */
    private static String origin(String configured) {
        if (configured.equals(ANY)) {
            return ANY;
        }
        try {
            URI uri = new URI(configured);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null) {
                return configured.toLowerCase(Locale.ROOT);
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException(ALLOWED_ORIGINS + " lists origins such as https://app.example.com or"
                + " http://localhost:3000 (scheme, host and port, no path, no trailing slash), or *; '" + configured
                + "' is not one");
    }

    private static List<String> tokens(String property, List<String> values) {
        List<String> tokens = trimmed(values);
        for (String token : tokens) {
            if (!token.equals(ANY) && !TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException(property + " lists names such as " + (property.equals(ALLOWED_METHODS)
                        ? "POST" : "Content-Type") + "; '" + token + "' is not one");
            }
        }
        if (property.equals(ALLOWED_METHODS) && tokens.contains(ANY)) {
            throw new IllegalArgumentException(property + " lists methods by name (the gateway's routes have POST and"
                    + " GET); * is not one");
        }
        return tokens;
    }

    private static List<String> trimmed(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
