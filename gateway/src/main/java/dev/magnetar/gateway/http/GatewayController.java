package dev.magnetar.gateway.http;

import dev.magnetar.gateway.reply.RequestReplyClient;
import dev.magnetar.gateway.schema.BodyRejectedException;
import dev.magnetar.gateway.schema.InputFormat;
import dev.magnetar.gateway.schema.InputSchemas;
import dev.magnetar.security.access.Access;
import dev.magnetar.security.access.AccessRule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code POST /function/{tenant}/{namespace}/{name}}: sends the body to the function's input topic
 * (converted to the topic's schema, see {@link InputFormat}) and answers with its reply. Never blocks: the response
 * completes when the reply (or the timeout) arrives. A call with an {@code Idempotency-Key} runs once per key (see
 * {@link Idempotency}).
 */
@Controller("/function")
@Requires(beans = FunctionDirectory.class)
@Requires(property = GatewayConfig.ENABLED_PROPERTY, notEquals = "false")
public class GatewayController {
    private final FunctionDirectory directory;
    private final RequestReplyClient client;
    private final GatewayConfig config;
    private final CallWatcher watcher;
    private final InputSchemas schemas;
    private final Idempotency idempotency;

    public GatewayController(FunctionDirectory directory, RequestReplyClient client, GatewayConfig config,
                             InputSchemas schemas, Idempotency idempotency, @Nullable CallWatcher watcher) {
        this.directory = directory;
        this.client = client;
        this.config = config;
        this.schemas = schemas;
        this.idempotency = idempotency;
        this.watcher = watcher == null ? CallWatcher.NONE : watcher;
    }

    @Access(AccessRule.FUNCTION_INPUT_PRODUCE)
    @Post(uri = "/{tenant}/{namespace}/{name}", consumes = MediaType.ALL, produces = MediaType.ALL)
    public CompletableFuture<HttpResponse<?>> invoke(String tenant, String namespace, String name,
                                                     HttpRequest<?> request, @Nullable @Body byte[] body) {
        return idempotency.answer(request, body, () -> invokeOnce(tenant, namespace, name, request, body));
    }

    private CompletableFuture<HttpResponse<?>> invokeOnce(String tenant, String namespace, String name,
                                                          HttpRequest<?> request, byte[] body) {
        CallTarget target = CallTarget.resolve(directory, config, tenant, namespace, name, body);
        if (target.refused()) {
            return answer(target.refusal());
        }
        String fqfn = target.function().fqfn();
        Duration timeout;
        try {
            timeout = InvocationTimeout.resolve(target.function().timeoutMs(),
                    request.getHeaders().get(InvocationTimeout.HEADER), config.maxTimeout());
        } catch (IllegalArgumentException e) {
            return answer(GatewayResponses.badRequest(e.getMessage()));
        }
        FunctionHealth health = directory.health(target.function());
        if (health.failing()) {
            return answer(GatewayResponses.failing(fqfn, health.reason()));
        }
        Executor loop = CallingEventLoop.current();
        CompletableFuture<InputFormat> lookup = schemas.of(target.topic());
        InputFormat format = lookup.getNow(null);
        if (format == null) {
            return lookup.thenComposeAsync(known -> send(known, target, request, timeout, loop), loop);
        }
        return send(format, target, request, timeout, loop);
    }

    private CompletableFuture<HttpResponse<?>> send(InputFormat registered, CallTarget target, HttpRequest<?> request,
                                                    Duration timeout, Executor loop) {
        String fqfn = target.function().fqfn();
        InputFormat format = InputFormat.orNamed(registered, target.function().requestSchemaType());
        byte[] payload;
        try {
            payload = CallTarget.payload(format, target, request);
        } catch (BodyRejectedException e) {
            return answer(GatewayResponses.rejected(e));
        }
        watcher.sent(fqfn);
        return client.call(target.topic(), payload, CallTarget.contentType(format, request),
                        CallTarget.traceContext(request), timeout, format.writer())
                .whenComplete((reply, error) -> watcher.ended(fqfn))
                .handleAsync((reply, error) -> GatewayResponses.of(fqfn, timeout, reply, error), loop);
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
