package dev.magnetar.controlplane.api;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.InvalidFunctionException;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.api.yaml.DocumentException;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.controlplane.service.DeploymentException;
import dev.magnetar.controlplane.service.FunctionExistsException;
import dev.magnetar.controlplane.service.FunctionNotFoundException;
import dev.magnetar.controlplane.service.FunctionService;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.security.access.Access;
import dev.magnetar.security.access.AccessRule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Magnetar-native admin API: whole {@code Function} documents on {@code /magnetar/v1/functions}
 * (Pulsar's Functions REST API, with Pulsar's {@code FunctionConfig}, is on {@code /admin/v3/functions}). Documents travel as JSON (YAML accepted on
 * create and update) and are read by {@link FunctionDocuments}, the same strict reader the CLI
 * and the runtime use. Errors have Pulsar's shape: {@code {"reason": "..."}}.
 */
@Controller(FunctionsAdminController.BASE)
@Requires(property = ControlPlaneConfig.CONTROLLER_ENABLED_PROPERTY, notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FunctionsAdminController {
    static final String BASE = "/magnetar/v1/functions";
    private static final String FUNCTION = "/{tenant}/{namespace}/{name}";
    private static final String YAML = "application/yaml";

    private final FunctionService service;

    public FunctionsAdminController(FunctionService service) {
        this.service = service;
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Post(uri = FUNCTION, consumes = {MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> create(String tenant, String namespace, String name, @Nullable @Body String body) {
        Function created = service.create(read(new FunctionRef(tenant, namespace, name), body));
        return HttpResponse.ok(FunctionDocuments.toJson(created));
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Put(uri = FUNCTION, consumes = {MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> update(String tenant, String namespace, String name, @Nullable @Body String body) {
        Function updated = service.update(read(new FunctionRef(tenant, namespace, name), body));
        return HttpResponse.ok(FunctionDocuments.toJson(updated));
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Delete(FUNCTION)
    public HttpResponse<Void> delete(String tenant, String namespace, String name) {
        service.delete(new FunctionRef(tenant, namespace, name));
        return HttpResponse.noContent();
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = FUNCTION, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> get(String tenant, String namespace, String name) {
        FunctionRef ref = new FunctionRef(tenant, namespace, name);
        Function function = service.get(ref).orElseThrow(() -> new FunctionNotFoundException(ref));
        return HttpResponse.ok(FunctionDocuments.toJson(function));
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = "/{tenant}/{namespace}", produces = MediaType.APPLICATION_JSON)
    public List<String> list(String tenant, String namespace) {
        return service.list(tenant, namespace);
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = FUNCTION + "/status", produces = MediaType.APPLICATION_JSON)
    public StatusResponse status(String tenant, String namespace, String name) {
        return StatusResponse.of(service.status(new FunctionRef(tenant, namespace, name)));
    }

    @Error(exception = InvalidFunctionException.class)
    public HttpResponse<ErrorResponse> invalid(InvalidFunctionException e) {
        String reasons = e.violations().stream().map(Violation::toString).collect(Collectors.joining("; "));
        return error(HttpStatus.BAD_REQUEST, "invalid function definition: " + reasons);
    }

    @Error(exception = DocumentException.class)
    public HttpResponse<ErrorResponse> unreadable(DocumentException e) {
        return error(HttpStatus.BAD_REQUEST, "cannot read the function document: " + e.getMessage());
    }

    @Error(exception = FunctionNotFoundException.class)
    public HttpResponse<ErrorResponse> notFound(FunctionNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @Error(exception = FunctionExistsException.class)
    public HttpResponse<ErrorResponse> exists(FunctionExistsException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @Error(exception = DeploymentException.class)
    public HttpResponse<ErrorResponse> notDeployed(DeploymentException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + "; nothing was changed, try again");
    }

    private static Function read(FunctionRef path, String body) {
        if (body == null || body.isBlank()) {
            throw new DocumentException("the request body is empty: send a Function document (JSON or YAML)");
        }
        Function document = FunctionDocuments.parse(body);
        List<Violation> disagreements = PathAgreement.align(path, document);
        if (!disagreements.isEmpty()) {
            throw new InvalidFunctionException("function " + path.fqfn(), disagreements);
        }
        return document;
    }

    private static HttpResponse<ErrorResponse> error(HttpStatus status, String reason) {
        return HttpResponse.<ErrorResponse>status(status).body(new ErrorResponse(reason));
    }
}
