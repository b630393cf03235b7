package dev.magnetar.gateway.http;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.gateway.reply.RequestReplyClient;
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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /function/{tenant}/{namespace}/{name}}: sends the body to the function's input topic
 * and answers with its reply. Never blocks: the response completes when the reply (or the
 * timeout) arrives.
 */
@Controller("/function")
@Requires(beans = FunctionDirectory.class)
@Requires(property = GatewayConfig.ENABLED_PROPERTY, notEquals = "false")
public class GatewayController {
    private final FunctionDirectory directory;
    private final RequestReplyClient client;
    private final GatewayConfig config;
    private final CallWatcher watcher;

    public GatewayController(FunctionDirectory directory, RequestReplyClient client, GatewayConfig config,
                             @Nullable CallWatcher watcher) {
        this.directory = directory;
        this.client = client;
        this.config = config;
        this.watcher = watcher == null ? CallWatcher.NONE : watcher;
    }

    @Access(AccessRule.FUNCTION_INPUT_PRODUCE)
    @Post(uri = "/{tenant}/{namespace}/{name}", consumes = MediaType.ALL, produces = MediaType.ALL)
    public CompletableFuture<HttpResponse<?>> invoke(String tenant, String namespace, String name,
                                                     HttpRequest<?> request, @Nullable @Body byte[] body) {
        String fqfn = FunctionNames.fqfn(tenant, namespace, name);
        Optional<ResolvedFunction> function = directory.find(tenant, namespace, name);
        if (function.isEmpty()) {
            return answer(GatewayResponses.notFound(fqfn));
        }
        byte[] payload = body == null ? new byte[0] : body;
        if (payload.length > config.maxBodyBytes()) {
            return answer(GatewayResponses.tooLarge(payload.length, config.maxBodyBytes()));
        }
        Optional<String> topic = function.get().requestTopic();
        if (topic.isEmpty()) {
            return answer(GatewayResponses.badRequest("function " + fqfn + " reads a topic pattern and has no input"
                    + " topic to send a request to: give it an input in spec.inputs to invoke it over HTTP"));
        }
        Duration timeout;
        try {
            timeout = InvocationTimeout.resolve(function.get().timeoutMs(),
                    request.getHeaders().get(InvocationTimeout.HEADER), config.maxTimeout());
        } catch (IllegalArgumentException e) {
            return answer(GatewayResponses.badRequest(e.getMessage()));
        }
        FunctionHealth health = directory.health(function.get());
        if (health.failing()) {
            return answer(GatewayResponses.failing(fqfn, health.reason()));
        }
        watcher.sent(fqfn);
        return client.call(topic.get(), payload, contentType(request), traceContext(request), timeout)
                .whenComplete((reply, error) -> watcher.ended(fqfn))
                .handleAsync((reply, error) -> GatewayResponses.of(fqfn, timeout, reply, error), CallingEventLoop.current());
    }

    /** Micronaut's own size limit, met only by bodies above both limits: same answer as ours. */
    @Error(exception = ContentLengthExceededException.class)
    public HttpResponse<?> bodyTooLarge() {
        return GatewayResponses.error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request body is over the limit of "
                + config.maxBodyBytes() + " bytes: send less, or raise " + GatewayConfig.PREFIX
                + ".max-body-bytes (and micronaut.server.max-request-size with it)");
    }

    private static String contentType(HttpRequest<?> request) {
        return request.getContentType().map(MediaType::toString).orElse(MediaType.APPLICATION_OCTET_STREAM);
    }

    private static Map<String, String> traceContext(HttpRequest<?> request) {
        String traceparent = request.getHeaders().get(MessageProperties.TRACEPARENT);
        return traceparent == null ? Map.of() : Map.of(MessageProperties.TRACEPARENT, traceparent);
    }

    private static CompletableFuture<HttpResponse<?>> answer(HttpResponse<?> response) {
        return CompletableFuture.completedFuture(response);
    }
}
