package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.state.StateEntry;
import dev.magnetar.api.state.StateException;
import dev.magnetar.api.state.StateScope;
import dev.magnetar.controlplane.api.ErrorResponse;
import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.controlplane.service.FunctionNotFoundException;
import dev.magnetar.controlplane.service.FunctionService;
import dev.magnetar.controlplane.state.FunctionStates;
import dev.magnetar.controlplane.state.StateUnavailableException;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.security.access.Access;
import dev.magnetar.security.access.AccessRule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import org.apache.pulsar.common.functions.FunctionState;

/**
 * Pulsar's function state endpoints ({@code pulsar-admin functions querystate | putstate}) on the tables the
 * function's replicas use. A counter reads as {@code numberValue}; other values as {@code stringValue} when they are
 * UTF-8 text, else {@code byteValue}. A put takes a multipart {@code state} part (FunctionState JSON) whose key matches
 * the path and which has a {@code stringValue} or a {@code byteValue}: counters are changed by the function only.
 */
@Controller(PulsarFunctionsController.BASE)
@Requires(property = ControlPlaneConfig.CONTROLLER_ENABLED_PROPERTY, notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PulsarFunctionStateController {
    private static final String STATE = "/{tenant}/{namespace}/{name}/state/{key}";

    private final FunctionService service;
    private final FunctionStates states;

    public PulsarFunctionStateController(FunctionService service, FunctionStates states) {
        this.service = service;
        this.states = states;
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Get(uri = STATE, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> get(String tenant, String namespace, String name, String key) {
        StateEntry entry = states.get(existing(tenant, namespace, name), key);
        if (entry == null) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).body(new ErrorResponse("key '" + key + "' doesn't exist."));
        }
        FunctionState state = entry.counter()
                ? new FunctionState(key, null, null, entry.counterValue(), entry.version())
                : entry.text().map(text -> new FunctionState(key, text, null, null, entry.version()))
                        .orElseGet(() -> new FunctionState(key, null, entry.value(), null, entry.version()));
        return HttpResponse.ok(PulsarJson.write(state));
    }

    @Access(AccessRule.NAMESPACE_FUNCTIONS)
    @Post(uri = STATE, consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> put(String tenant, String namespace, String name, String key,
                                  @Nullable @Part("state") String state) {
        FunctionState value = PulsarJson.readState(state);
        if (!key.equals(value.getKey())) {
            throw new PulsarConfigException("state.key", "is '" + value.getKey() + "' but the path's key is '" + key
                    + "': they must match");
        }
        byte[] bytes;
        if (value.getStringValue() != null && !value.getStringValue().isEmpty()) {
            bytes = value.getStringValue().getBytes(StandardCharsets.UTF_8);
        } else if (value.getByteValue() != null) {
            bytes = value.getByteValue();
        } else {
            throw new PulsarConfigException("state", "has no stringValue or byteValue: setting counter values is"
                    + " not supported in put state (a function changes its counters with incrCounter)");
        }
        states.put(existing(tenant, namespace, name), key, bytes);
        return HttpResponse.noContent();
    }

    private StateScope existing(String tenant, String namespace, String name) {
        FunctionRef ref = new FunctionRef(tenant, namespace, name);
        if (service.get(ref).isEmpty()) {
            throw new FunctionNotFoundException(ref);
        }
        return new StateScope(tenant, namespace, name);
    }

    @Error(exception = StateException.class)
    public HttpResponse<ErrorResponse> stateFailed(StateException error) {
        HttpStatus status = error instanceof StateUnavailableException ? HttpStatus.SERVICE_UNAVAILABLE
                : HttpStatus.INTERNAL_SERVER_ERROR;
        return HttpResponse.<ErrorResponse>status(status).body(new ErrorResponse(error.getMessage()));
    }

    @Error(exception = RuntimeException.class)
    public HttpResponse<ErrorResponse> failed(RuntimeException error) {
        return PulsarErrors.of(error);
    }
}
