package dev.magnetar.controlplane.packages;

import dev.magnetar.controlplane.config.AdminConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an http(s) package URL, from the hosts {@code magnetar.admin.allowed-package-hosts} lists only: the
 * control plane must not become a way to reach hosts the caller cannot. Redirects are followed by hand, each
 * target checked like the URL itself. A failed fetch tells the caller no more than that it failed; what the
 * remote host answered is logged here, since it may be an internal service's answer.
 */
final class PackageDownload {
    private static final Logger LOG = LoggerFactory.getLogger(PackageDownload.class);
    private static final int MAX_REDIRECTS = 5;
    private final List<String> allowedHosts;
    private final Duration timeout;
    private final HttpClient client;

    PackageDownload(List<String> allowedHosts, Duration timeout) {
        this.allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The body of {@code url}'s answer, to read and close; refused unless its host is allowed. */
    InputStream open(URI url) {
        requireAllowedHost(url);
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response = send(url, current);
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            close(response);
            Optional<URI> next = redirect(current, response);
            if (next.isEmpty()) {
                throw failed(url, current + " answered HTTP " + status);
            }
            if (!allowed(next.get())) {
                throw failed(url, current + " redirects to " + next.get() + ", whose host is not in "
                        + AdminConfig.ALLOWED_PACKAGE_HOSTS);
            }
            current = next.get();
        }
        throw failed(url, "more than " + MAX_REDIRECTS + " redirects");
    }

    private void requireAllowedHost(URI url) {
        if (url.getHost() == null) {
            throw new PackageException("url '" + url + "' names no host: give http(s)://host/path.jar");
        }
        if (!allowed(url)) {
            throw new PackageException("url '" + url + "': host '" + url.getHost() + "' is not one this server"
                    + " fetches packages from (" + AdminConfig.ALLOWED_PACKAGE_HOSTS + ": "
                    + (allowedHosts.isEmpty() ? "none are allowed" : allowedHosts) + "): upload the jar instead, or"
                    + " have the operator add the host to " + AdminConfig.ALLOWED_PACKAGE_HOSTS);
        }
    }

    private boolean allowed(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null
                && allowedHosts.contains(url.getHost().toLowerCase(Locale.ROOT));
    }

    private HttpResponse<InputStream> send(URI url, URI current) {
        try {
            return client.send(HttpRequest.newBuilder(current).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | IllegalArgumentException e) {
            throw failed(url, current + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackageException("url '" + url + "': download interrupted");
        }
    }

    private static Optional<URI> redirect(URI current, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return Optional.empty();
        }
        try {
            return response.headers().firstValue("Location").map(current::resolve);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            LOG.debug("could not close the answer of {}: {}", response.uri(), e.getMessage());
        }
    }

    /** Logs what happened; the caller hears only that the URL could not be fetched. */
    private static PackageException failed(URI url, String detail) {
        LOG.warn("could not fetch the package {}: {}", url, detail);
        return new PackageException("could not fetch " + url + ": check the URL, or upload the jar instead");
    }
}
