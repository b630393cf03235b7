package dev.magnetar.controlplane.packages;

import dev.magnetar.controlplane.store.FunctionRef;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Package URLs of Pulsar's packages management, {@code function://tenant/namespace/name@version}: the control plane
 * downloads the package from the cluster and keeps it like an uploaded jar ({@link FunctionPackages}). Only a package
 * of the function's own namespace is taken. With authentication on, the download goes with the caller's own token
 * ({@link CallerAdmin}), so Pulsar decides whether the caller may read the package (its {@code packages} grant).
 */
@Singleton
public class ClusterPackages {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPackages.class);
    private static final Pattern URL = Pattern.compile("([a-z]+)://([^/@\\s]+)/([^/@\\s]+)/([^/@\\s]+)@([^/@\\s]+)");
    private final CallerAdmin admin;
    private final FunctionPackages packages;

    public ClusterPackages(CallerAdmin admin, FunctionPackages packages) {
        this.admin = admin;
        this.packages = packages;
    }

    /** Whether {@code url} names a package of Pulsar's packages management (function://, sink://, source://). */
    public static boolean isPackageUrl(String url) {
        String lower = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("function://") || lower.startsWith("sink://") || lower.startsWith("source://");
    }

    /** Downloads the package {@code url} names and stores it for {@code ref}. */
    public Path fetch(FunctionRef ref, String url) {
        String location = url.strip();
        Matcher matcher = URL.matcher(location);
        if (!matcher.matches()) {
            throw new PackageException("url '" + url + "' is not a package name: write function://tenant/namespace/"
                    + "name@version");
        }
        if (!matcher.group(1).equals("function")) {
            throw new PackageException("url '" + url + "' names a " + matcher.group(1) + " package: a function runs a"
                    + " function:// package");
        }
        if (!matcher.group(2).equals(ref.tenant()) || !matcher.group(3).equals(ref.namespace())) {
            throw new PackageException("url '" + url + "' is a package of " + matcher.group(2) + "/" + matcher.group(3)
                    + ", not of the function's namespace " + ref.tenant() + "/" + ref.namespace() + ": upload the"
                    + " package to function://" + ref.tenant() + "/" + ref.namespace() + "/...");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("magnetar-package", ".jar");
            download(location, temp);
            try (InputStream in = Files.newInputStream(temp)) {
                return packages.store(ref, in);
            }
        } catch (PulsarAdminException e) {
            throw refused(url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the package " + url + ": " + e.getMessage(), e);
        } finally {
            delete(temp);
        }
    }

    private void download(String location, Path target) throws PulsarAdminException {
        admin.call("url '" + location + "'", asCaller -> {
            asCaller.packages().download(location, target.toString());
            return null;
        });
    }

    private static PackageException refused(String url, PulsarAdminException e) {
        LOG.warn("Could not fetch the package {} from the cluster: {}", url, e.getMessage());
        if (e.getStatusCode() == 401 || e.getStatusCode() == 403) {
            return new PackageException("url '" + url + "': the cluster does not let the caller's role read this"
                    + " package: ask for the 'packages' action on its namespace (pulsar-admin namespaces"
                    + " grant-permission --actions packages)");
        }
        if (e.getStatusCode() == 404) {
            return new PackageException("url '" + url + "': the cluster has no such package: upload it first"
                    + " (pulsar-admin packages upload " + url + " --path FILE --description TEXT)");
        }
        String reason = e.getMessage() == null ? "" : e.getMessage();
        // Brokers without packages management answer 503 to every packages call.
        if (e.getStatusCode() == 503 || reason.toLowerCase(Locale.ROOT).contains("not enabled")) {
            return new PackageException("url '" + url + "': the cluster does not keep packages (its brokers run"
                    + " without enablePackagesManagement=true): upload the jar instead, or give an http(s) URL");
        }
        return new PackageException("could not fetch " + url + " from the cluster (HTTP " + e.getStatusCode() + "):"
                + " upload the jar instead");
    }

    private static void delete(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.debug("could not remove {}: {}", temp, e.getMessage());
            }
        }
    }
}
