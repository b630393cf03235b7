package dev.magnetar.gateway.http;

import dev.magnetar.gateway.async.AsyncCalls;
import dev.magnetar.gateway.async.AsyncConfig;
import dev.magnetar.gateway.async.AsyncHeaders;
import dev.magnetar.gateway.async.CallIds;
import dev.magnetar.gateway.reply.OneWayRequest;
import dev.magnetar.gateway.schema.BodyRejectedException;
import dev.magnetar.gateway.schema.InputFormat;
import dev.magnetar.gateway.schema.InputSchemas;
import dev.magnetar.security.access.Access;
import dev.magnetar.security.access.AccessRule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Asynchronous calls, as OpenFaaS has them: {@code POST /async-function/{tenant}/{namespace}/{name}} answers 202
 * with an {@code X-Call-Id} once the request is on the function's input topic; the result is posted to the
 * {@code X-Callback-Url} when one was sent, and {@code GET /calls/{id}} answers with it while it is kept. A call
 * with an {@code Idempotency-Key} is accepted once per key: a repeat gets the same call id (see {@link Idempotency}).
 */
@Controller
@Requires(beans = {FunctionDirectory.class, AsyncCalls.class})
@Requires(property = GatewayConfig.ENABLED_PROPERTY, notEquals = "false")
public class AsyncController {
    private final FunctionDirectory directory;
    private final AsyncCalls calls;
    private final GatewayConfig config;
    private final AsyncConfig async;
    private final CallWatcher watcher;
    private final InputSchemas schemas;
    private final Idempotency idempotency;

    public AsyncController(FunctionDirectory directory, AsyncCalls calls, GatewayConfig config, AsyncConfig async,
                           InputSchemas schemas, Idempotency idempotency, @Nullable CallWatcher watcher) {
        this.directory = directory;
        this.schemas = schemas;
        this.idempotency = idempotency;
        this.calls = calls;
        this.config = config;
        this.async = async;
        this.watcher = watcher == null ? CallWatcher.NONE : watcher;
    }

    @Access(AccessRule.FUNCTION_INPUT_PRODUCE)
    @Post(uri = "/async-function/{tenant}/{namespace}/{name}", consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> accept(String tenant, String namespace, String name,
                                                     HttpRequest<?> request, @Nullable @Body byte[] body) {
        return idempotency.answer(request, body, () -> acceptOnce(tenant, namespace, name, request, body));
    }

    private CompletableFuture<HttpResponse<?>> acceptOnce(String tenant, String namespace, String name,
                                                          HttpRequest<?> request, byte[] body) {
        CallTarget target = CallTarget.resolve(directory, config, tenant, namespace, name, body);
        if (target.refused()) {
            return answer(target.refusal());
        }
        String callId = request.getHeaders().get(AsyncHeaders.CALL_ID);
        String callbackUrl = request.getHeaders().get(AsyncHeaders.CALLBACK_URL);
        try {
            if (callId != null) {
                CallIds.fromHeader(callId);
            }
            if (callbackUrl != null) {
                calls.checkCallback(callbackUrl);
            }
        } catch (IllegalArgumentException e) {
            return answer(GatewayResponses.badRequest(e.getMessage()));
        }
        String fqfn = target.function().fqfn();
        FunctionHealth health = directory.health(target.function());
        if (health.failing()) {
            return answer(GatewayResponses.failing(fqfn, health.reason()));
        }
        Executor loop = CallingEventLoop.current();
        CompletableFuture<InputFormat> lookup = schemas.of(target.topic());
        InputFormat format = lookup.getNow(null);
        if (format == null) {
            return lookup.thenComposeAsync(known -> send(known, target, request, callId, callbackUrl, loop), loop);
        }
        return send(format, target, request, callId, callbackUrl, loop);
    }

    private CompletableFuture<HttpResponse<?>> send(InputFormat registered, CallTarget target, HttpRequest<?> request,
                                                    String callId, String callbackUrl, Executor loop) {
        String fqfn = target.function().fqfn();
        InputFormat format = InputFormat.orNamed(registered, target.function().requestSchemaType());
        byte[] payload;
        try {
            payload = CallTarget.payload(format, target, request);
        } catch (BodyRejectedException e) {
            return answer(GatewayResponses.rejected(e));
        }
        OneWayRequest message = new OneWayRequest(target.topic(), payload, CallTarget.contentType(format, request),
                CallTarget.traceContext(request), format.writer());
        return calls.accept(target.function(), message, callId == null || callId.isEmpty() ? null : callId,
                        callbackUrl)
                .whenComplete((call, error) -> {
                    if (error == null) {
                        watcher.queued(fqfn);
                    }
                })
                .handleAsync((call, error) -> error == null ? AsyncAnswers.accepted(call)
                        : AsyncAnswers.refused(fqfn, error), loop);
    }

    @Access(AccessRule.CALLED_FUNCTION_INPUT_PRODUCE)
    @Get(uri = "/calls/{id}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> call(String id) {
        return calls.find(id).handleAsync((found, error) -> {
            if (error != null) {
                return GatewayResponses.error(HttpStatus.SERVICE_UNAVAILABLE, "cannot read call '" + id + "' now: "
                        + error.getMessage() + "; retry shortly");
            }
            return found.<HttpResponse<?>>map(AsyncAnswers::of).orElseGet(() -> AsyncAnswers.unknown(id,
                    async.retention()));
        }, CallingEventLoop.current());
    }

    /** Micronaut's own size limit, met only by bodies above both limits: same answer as ours. */
    @Error(exception = ContentLengthExceededException.class)
    public HttpResponse<?> bodyTooLarge() {
        return GatewayResponses.overServerLimit(config.maxBodyBytes());
    }

    private static CompletableFuture<HttpResponse<?>> answer(HttpResponse<?> response) {
        return CompletableFuture.completedFuture(response);
    }
}
