package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.controlplane.api.ErrorResponse;
import dev.magnetar.controlplane.api.pulsar.PulsarFunctionRequests.Package;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.controlplane.packages.PackageTooLargeException;
import dev.magnetar.controlplane.service.FunctionService;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.security.access.Access;
import dev.magnetar.security.access.AccessRule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Pulsar's Functions REST API v3 ({@code /admin/v3/functions/...}), so Pulsar's own admin client and
 * {@code pulsar-admin functions} work against the control plane. Create and update take multipart
 * {@code functionConfig} (JSON) plus a jar ({@code data}) or a {@code url}; errors are {@code {"reason": "..."}}
 * with Pulsar's status codes. Functions are the same stored objects as on {@code /magnetar/v1/functions}.
 */
@Controller(PulsarFunctionsController.BASE)
@Requires(property = ControlPlaneConfig.CONTROLLER_ENABLED_PROPERTY, notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PulsarFunctionsController {
    static final String BASE = "/admin/v3/functions";
    private static final String FUNCTION = "/{tenant}/{namespace}/{name}";
    private static final String INSTANCE = FUNCTION + "/{instanceId}";

    private final PulsarFunctionRequests requests;
    private final FunctionService service;
    private final AdminConfig config;

    public PulsarFunctionsController(PulsarFunctionRequests requests, FunctionService service, AdminConfig config) {
        this.requests = requests;
        this.service = service;
        this.config = config;
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Post(uri = FUNCTION, consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> create(String tenant, String namespace, String name,
                                     @Nullable @Part("functionConfig") String functionConfig,
                                     @Nullable @Part("data") CompletedFileUpload data, @Nullable @Part("url") String url) {
        requests.create(new FunctionRef(tenant, namespace, name), functionConfig, pkg(data, url));
        return HttpResponse.noContent();
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Put(uri = FUNCTION, consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> update(String tenant, String namespace, String name,
                                     @Nullable @Part("functionConfig") String functionConfig,
                                     @Nullable @Part("data") CompletedFileUpload data, @Nullable @Part("url") String url) {
        requests.update(new FunctionRef(tenant, namespace, name), functionConfig, pkg(data, url));
        return HttpResponse.noContent();
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Delete(FUNCTION)
    public HttpResponse<Void> delete(String tenant, String namespace, String name) {
        service.delete(new FunctionRef(tenant, namespace, name));
        return HttpResponse.noContent();
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = FUNCTION, produces = MediaType.APPLICATION_JSON)
    public String get(String tenant, String namespace, String name) {
        return PulsarJson.write(requests.get(new FunctionRef(tenant, namespace, name)));
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = "/{tenant}/{namespace}", produces = MediaType.APPLICATION_JSON)
    public String list(String tenant, String namespace) {
        return PulsarJson.write(service.list(tenant, namespace));
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = FUNCTION + "/status", produces = MediaType.APPLICATION_JSON)
    public String status(String tenant, String namespace, String name) {
        return PulsarJson.write(requests.status(new FunctionRef(tenant, namespace, name)));
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = INSTANCE + "/status", produces = MediaType.APPLICATION_JSON)
    public String instanceStatus(String tenant, String namespace, String name, int instanceId) {
        return PulsarJson.write(requests.status(new FunctionRef(tenant, namespace, name), instanceId));
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = FUNCTION + "/stats", produces = MediaType.APPLICATION_JSON)
    public String stats(String tenant, String namespace, String name) {
        return PulsarJson.write(requests.stats(new FunctionRef(tenant, namespace, name)));
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = INSTANCE + "/stats", produces = MediaType.APPLICATION_JSON)
    public String instanceStats(String tenant, String namespace, String name, int instanceId) {
        return PulsarJson.write(requests.stats(new FunctionRef(tenant, namespace, name), instanceId));
    }

    /** Pulsar answers with the output as it is, not as a JSON string. */
    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Post(uri = FUNCTION + "/trigger", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    public String trigger(String tenant, String namespace, String name, @Nullable @Part("data") String data,
                          @Nullable @Part("dataStream") CompletedFileUpload dataStream,
                          @Nullable @Part("topic") String topic) {
        byte[] value = data != null ? data.getBytes(StandardCharsets.UTF_8) : dataStream != null ? bytes(dataStream) : null;
        return requests.trigger(new FunctionRef(tenant, namespace, name), value, topic);
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Post(uri = FUNCTION + "/{action:start|stop|restart}", consumes = MediaType.ALL)
    public HttpResponse<Void> control(String tenant, String namespace, String name, String action) {
        FunctionRef ref = new FunctionRef(tenant, namespace, name);
        switch (InstanceAction.valueOf(action.toUpperCase())) {
            case START -> service.start(ref);
            case STOP -> service.stop(ref);
            case RESTART -> service.restart(ref);
        }
        return HttpResponse.noContent();
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Post(uri = INSTANCE + "/{action:start|stop|restart}", consumes = MediaType.ALL)
    public HttpResponse<Void> controlInstance(String tenant, String namespace, String name, int instanceId,
                                              String action) {
        service.control(new FunctionRef(tenant, namespace, name), instanceId,
                InstanceAction.valueOf(action.toUpperCase()));
        return HttpResponse.noContent();
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

    private static Package pkg(CompletedFileUpload data, String url) {
        try {
            return new Package(data == null ? null : data.getInputStream(), url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded package: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(CompletedFileUpload upload) {
        try {
            return upload.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded trigger file: " + e.getMessage(), e);
        }
    }
}
