package dev.magnetar.gateway.async;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The hosts a callback may be posted to ({@value #PROPERTY}), loopback only unless the operator says otherwise: a
 * callback is a request the gateway makes on a caller's behalf, from inside the platform's network, so without a
 * list any caller could make it reach internal services. Only http and https, and no redirects are followed.
 */
public final class CallbackHosts {
    public static final String PROPERTY = "magnetar.gateway.callback-hosts";
    public static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "::1");

    private final List<String> hosts;

    public CallbackHosts(List<String> hosts) {
        this.hosts = hosts.stream().map(CallbackHosts::normalize).filter(host -> !host.isEmpty()).distinct().toList();
    }

    public List<String> hosts() {
        return hosts;
    }

    /**
     * The callback URL a caller sent, when it may be called.
     *
     * @throws IllegalArgumentException naming the header, and the host and this setting when the host is not allowed
     */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("header " + AsyncHeaders.CALLBACK_URL + " is not a URL ('" + shown(url)
                    + "'): " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("header " + AsyncHeaders.CALLBACK_URL + " must be an http or https URL,"
                    + " was '" + shown(url) + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("header " + AsyncHeaders.CALLBACK_URL + " names no host ('" + shown(url)
                    + "'): give http(s)://host[:port]/path");
        }
        String host = normalize(uri.getHost());
        if (!hosts.contains(host)) {
            throw new IllegalArgumentException("header " + AsyncHeaders.CALLBACK_URL + " names host '" + host
                    + "', which is not in " + PROPERTY + " (" + (hosts.isEmpty() ? "empty: no callbacks are allowed"
                    : String.join(", ", hosts)) + "): call back to one of those, or have the operator add the host to "
                    + PROPERTY);
        }
        return uri;
    }

    /** Lower case, and an IPv6 literal without the brackets a URL puts around it. */
    private static String normalize(String host) {
        String trimmed = host.trim().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static String shown(String value) {
        String shown = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
