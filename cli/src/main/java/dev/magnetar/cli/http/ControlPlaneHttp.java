package dev.magnetar.cli.http;

import dev.magnetar.cli.CliException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * HTTP transport to one Magnetar control plane (admin API and gateway share its port). Maps
 * "nothing is listening" to the one sentence a user needs: start it, or point at another one.
 */
public final class ControlPlaneHttp {
    public static final String DEFAULT_URL = "http://localhost:7750";
    public static final String URL_ENV = "MAGNETAR_ADMIN_URL";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final HttpClient client;
    private final String token;

    public ControlPlaneHttp(String baseUrl) {
        this(baseUrl, null);
    }

    /** With a bearer token (from the client config), sent as {@code Authorization: Bearer <token>}. */
    public ControlPlaneHttp(String baseUrl, String token) {
        this.base = parseBase(baseUrl);
        this.token = token;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    public URI resolve(String path) {
        return base.resolve(path);
    }

    /** Sends the request; connection failures become a {@link CliException} naming the URL and the fix. */
    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(authorized(request), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new CliException("no answer from " + request.uri() + " within "
                    + request.timeout().map(Duration::toMillis).orElse(0L) + " ms", e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw unreachable(e);
            }
            throw new CliException("request to " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for " + request.uri(), e);
        }
    }

    private HttpRequest authorized(HttpRequest request) {
        if (token == null) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token).build();
    }

    private CliException unreachable(Exception cause) {
        return new CliException("cannot reach the Magnetar control plane at " + printable()
                + ": is `magnetar standalone` running? (set --admin-url or " + URL_ENV + ")", cause);
    }

    private String printable() {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static URI parseBase(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("expected http://HOST:PORT");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid --admin-url '" + baseUrl + "': expected http://HOST:PORT, e.g. "
                    + DEFAULT_URL, CliException.USAGE, e);
        }
    }
}
