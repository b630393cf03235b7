package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.controlplane.api.ErrorResponse;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.controlplane.packages.PackageException;
import dev.magnetar.controlplane.packages.PackageTooLargeException;
import dev.magnetar.controlplane.packages.UploadedPackages;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.security.access.Access;
import dev.magnetar.security.access.AccessRule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Pulsar's package routes of the Functions API v3: {@code GET /{tenant}/{namespace}/{name}/download} answers with the
 * jar a function runs (for whoever may manage the namespace's functions, like the rest of the API);
 * {@code POST /upload} (multipart {@code data} and {@code path}) and {@code GET /download?path=} keep and return a
 * file by path, for superusers only, as in Pulsar.
 */
@Controller(PulsarFunctionsController.BASE)
@Requires(property = ControlPlaneConfig.CONTROLLER_ENABLED_PROPERTY, notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PulsarPackagesController {
    private final PulsarPackageRequests requests;
    private final UploadedPackages uploads;
    private final AdminConfig config;

    public PulsarPackagesController(PulsarPackageRequests requests, UploadedPackages uploads, AdminConfig config) {
        this.requests = requests;
        this.uploads = uploads;
        this.config = config;
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = "/{tenant}/{namespace}/{name}/download", produces = MediaType.APPLICATION_OCTET_STREAM)
    public SystemFile downloadFunction(String tenant, String namespace, String name,
                                       @Nullable @QueryValue("transform-function") Boolean transformFunction) {
        if (Boolean.TRUE.equals(transformFunction)) {
            throw new PackageException("transform-function: a Magnetar function has no transform function (Pulsar's"
                    + " sinks do): leave it out to download the function's jar");
        }
        return new SystemFile(requests.jarOf(new FunctionRef(tenant, namespace, name)).toFile(),
                MediaType.APPLICATION_OCTET_STREAM_TYPE);
    }

    @Access(AccessRule.SUPERUSER)
    @Post(uri = "/upload", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> upload(@Nullable @Part("data") CompletedFileUpload data,
                                     @Nullable @Part("path") String path) {
        if (data == null) {
            throw new PackageException("data: no file was sent: upload it as the multipart part 'data'");
        }
        try {
            uploads.store(path, data.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file: " + e.getMessage(), e);
        }
        return HttpResponse.noContent();
    }

    @Access(AccessRule.SUPERUSER)
    @Get(uri = "/download", produces = MediaType.APPLICATION_OCTET_STREAM)
    public SystemFile download(@Nullable @QueryValue("path") String path) {
        return new SystemFile(uploads.file(path).toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE);
    }

    @Error(exception = RuntimeException.class)
    public HttpResponse<ErrorResponse> failed(RuntimeException error) {
        return PulsarErrors.of(error);
    }

    /** The server stopped reading an upload at the limit, which application.yml ties to the package size. */
    @Error(exception = ContentLengthExceededException.class)
    public HttpResponse<ErrorResponse> tooLarge(ContentLengthExceededException error) {
        return PulsarErrors.of(new PackageTooLargeException("the uploaded file", config.maxPackageSize()));
    }
}
