package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.controlplane.api.ErrorResponse;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.controlplane.packages.CallerAdmin;
import dev.magnetar.controlplane.packages.PackageException;
import dev.magnetar.controlplane.packages.PackageTooLargeException;
import dev.magnetar.security.access.Access;
import dev.magnetar.security.access.AccessRule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.apache.pulsar.client.admin.PulsarAdminException;

/**
 * Pulsar's packages management ({@code /admin/v3/packages}) passed on to the cluster, so {@code pulsar-admin
 * packages upload function://...} works with the control plane's admin URL as with a broker's: the cluster keeps the
 * packages, the control plane keeps none. With authentication on, a caller needs what Pulsar's brokers ask for
 * (a superuser, an admin of the tenant, or the {@code packages} action on the namespace), and the call goes with the
 * caller's own token ({@link CallerAdmin}), so the cluster decides too. Pulsar's answer, refusals included, is passed
 * on.
 */
@Controller(PulsarClusterPackagesController.BASE)
@Requires(property = ControlPlaneConfig.CONTROLLER_ENABLED_PROPERTY, notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PulsarClusterPackagesController {
    static final String BASE = "/admin/v3/packages";
    private static final String NAMESPACE = "/{type}/{tenant}/{namespace}";
    private static final String PACKAGE = NAMESPACE + "/{name}";
    private static final String VERSION = PACKAGE + "/{version}";
    private static final Set<String> TYPES = Set.of("function", "sink", "source");

    private final CallerAdmin cluster;
    private final AdminConfig config;

    public PulsarClusterPackagesController(CallerAdmin cluster, AdminConfig config) {
        this.cluster = cluster;
        this.config = config;
    }

    @Access(AccessRule.NAMESPACE_PACKAGES)
    @Get(uri = NAMESPACE, produces = MediaType.APPLICATION_JSON)
    public String listPackages(String type, String tenant, String namespace) throws PulsarAdminException {
        checkType(type);
        return PulsarJson.write(cluster.call("packages of " + tenant + "/" + namespace,
                admin -> admin.packages().listPackages(type, tenant + "/" + namespace)));
    }

    @Access(AccessRule.NAMESPACE_PACKAGES)
    @Get(uri = PACKAGE, produces = MediaType.APPLICATION_JSON)
    public String listVersions(String type, String tenant, String namespace, String name) throws PulsarAdminException {
        String pkg = packageName(type, tenant, namespace, name);
        return PulsarJson.write(cluster.call(pkg, admin -> admin.packages().listPackageVersions(pkg)));
    }

    @Access(AccessRule.NAMESPACE_PACKAGES)
    @Get(uri = VERSION + "/metadata", produces = MediaType.APPLICATION_JSON)
    public String metadata(String type, String tenant, String namespace, String name, String version)
            throws PulsarAdminException {
        String pkg = packageName(type, tenant, namespace, name) + "@" + version;
        return PulsarJson.write(cluster.call(pkg, admin -> admin.packages().getMetadata(pkg)));
    }

    @Access(AccessRule.NAMESPACE_PACKAGES)
    @Put(uri = VERSION + "/metadata", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> updateMetadata(String type, String tenant, String namespace, String name, String version,
                                             @Nullable @Body String metadata) throws PulsarAdminException {
        String pkg = packageName(type, tenant, namespace, name) + "@" + version;
        var parsed = PulsarJson.readPackageMetadata(metadata);
        cluster.call(pkg, admin -> {
            admin.packages().updateMetadata(pkg, parsed);
            return null;
        });
        return HttpResponse.noContent();
    }

    @Access(AccessRule.NAMESPACE_PACKAGES)
    @Post(uri = VERSION, consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> upload(String type, String tenant, String namespace, String name, String version,
                                     @Nullable @Part("file") CompletedFileUpload file,
                                     @Nullable @Part("metadata") String metadata) throws PulsarAdminException {
        String pkg = packageName(type, tenant, namespace, name) + "@" + version;
        if (file == null) {
            throw new PackageException("file: no package was sent for " + pkg + ": upload it as the multipart part"
                    + " 'file' (pulsar-admin packages upload " + pkg + " --path FILE --description TEXT)");
        }
        var parsed = PulsarJson.readPackageMetadata(metadata);
        Path temp = temp();
        try {
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            cluster.call(pkg, admin -> {
                admin.packages().upload(parsed, pkg, temp.toString());
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the upload of " + pkg + " on its way to the cluster: "
                    + e.getMessage(), e);
        } finally {
            delete(temp);
        }
        return HttpResponse.noContent();
    }

    /** The package's bytes; the copy on its way from the cluster is removed once they are sent. */
    @Access(AccessRule.NAMESPACE_PACKAGES)
    @Get(uri = VERSION, produces = MediaType.APPLICATION_OCTET_STREAM)
    public StreamedFile download(String type, String tenant, String namespace, String name, String version)
            throws PulsarAdminException {
        String pkg = packageName(type, tenant, namespace, name) + "@" + version;
        Path temp = temp();
        try {
            cluster.call(pkg, admin -> {
                admin.packages().download(pkg, temp.toString());
                return null;
            });
            return new StreamedFile(Files.newInputStream(temp, StandardOpenOption.DELETE_ON_CLOSE),
                    MediaType.APPLICATION_OCTET_STREAM_TYPE);
        } catch (IOException e) {
            delete(temp);
            throw new UncheckedIOException("cannot read " + pkg + " as the cluster sent it: " + e.getMessage(), e);
        } catch (PulsarAdminException | RuntimeException e) {
            delete(temp);
            throw e;
        }
    }

    @Access(AccessRule.NAMESPACE_PACKAGES)
    @Delete(uri = VERSION, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> delete(String type, String tenant, String namespace, String name, String version)
            throws PulsarAdminException {
        String pkg = packageName(type, tenant, namespace, name) + "@" + version;
        cluster.call(pkg, admin -> {
            admin.packages().delete(pkg);
            return null;
        });
        return HttpResponse.noContent();
    }

    private static String packageName(String type, String tenant, String namespace, String name) {
        checkType(type);
        return type + "://" + tenant + "/" + namespace + "/" + name;
    }

    private static void checkType(String type) {
        if (!TYPES.contains(type)) {
            throw new PackageException("type '" + type + "' is not a package type: use function, sink or source"
                    + " (function://tenant/namespace/name@version)");
        }
    }

    private static Path temp() {
        try {
            return Files.createTempFile("magnetar-cluster-package", ".bin");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for a package: " + e.getMessage(), e);
        }
    }

    private static void delete(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a temporary file; the system's clean-up takes it
        }
    }

    @Error(exception = PulsarAdminException.class)
    public HttpResponse<ErrorResponse> cluster(PulsarAdminException error) {
        return PulsarErrors.fromCluster(error);
    }

    @Error(exception = RuntimeException.class)
    public HttpResponse<ErrorResponse> failed(RuntimeException error) {
        return PulsarErrors.of(error);
    }

    /** The server stopped reading an upload at the limit, which application.yml ties to the package size. */
    @Error(exception = ContentLengthExceededException.class)
    public HttpResponse<ErrorResponse> tooLarge(ContentLengthExceededException error) {
        return PulsarErrors.of(new PackageTooLargeException("the uploaded package", config.maxPackageSize()));
    }
}
