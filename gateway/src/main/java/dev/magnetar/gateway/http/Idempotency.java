package dev.magnetar.gateway.http;

import dev.magnetar.gateway.idempotency.IdempotencyConfig;
import dev.magnetar.gateway.idempotency.IdempotencyKey;
import dev.magnetar.gateway.idempotency.IdempotencyScope;
import dev.magnetar.gateway.idempotency.IdempotentCalls;
import dev.magnetar.gateway.idempotency.KeptAnswer;
import dev.magnetar.gateway.idempotency.KeyReusedException;
import dev.magnetar.gateway.idempotency.RequestFingerprint;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Calls sent with an {@code Idempotency-Key}: the first one with a key runs, its repeats (same caller, same route,
 * same body) get its answer, byte for byte, with {@code Idempotent-Replayed: true}. A call without the header runs
 * as it always does, at no cost.
 */
@Singleton
@Requires(beans = FunctionDirectory.class)
@Requires(property = GatewayConfig.ENABLED_PROPERTY, notEquals = "false")
public class Idempotency {
    /** Marks an answer given to a repeat, as Stripe's API does. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final IdempotentCalls calls;
    private final JsonMapper json;

    public Idempotency(IdempotencyConfig config, JsonMapper json) {
        this.calls = new IdempotentCalls(config);
        this.json = json;
    }

    /** The answer to {@code request}: {@code call}'s, run only when no call with its key ran before. */
    CompletableFuture<HttpResponse<?>> answer(HttpRequest<?> request, byte[] body,
                                              Supplier<CompletableFuture<HttpResponse<?>>> call) {
        String key;
        try {
            key = IdempotencyKey.from(request.getHeaders().get(IdempotencyKey.HEADER));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(GatewayResponses.badRequest(e.getMessage()));
        }
        if (key == null) {
            return call.get();
        }
        IdempotencyScope scope = new IdempotencyScope(caller(request), request.getPath(), key);
        String fingerprint = RequestFingerprint.of(request.getHeaders().get(HttpHeaders.CONTENT_TYPE), body);
        try {
            // A repeat's answer completes on the first call's thread: the rest runs on the repeat's own event loop.
            return calls.answer(scope, fingerprint, () -> call.get().thenApply(this::keep))
                    .thenApplyAsync(Idempotency::replay, CallingEventLoop.current());
        } catch (KeyReusedException e) {
            return CompletableFuture.completedFuture(
                    GatewayResponses.error(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
        }
    }

    /** Keys remembered now. */
    public long keptKeys() {
        return calls.size();
    }

    private static String caller(HttpRequest<?> request) {
        return request.getUserPrincipal().map(Principal::getName).orElse("");
    }

    /** The answer as bytes, so that every caller of the key gets the same ones. */
    private KeptAnswer keep(HttpResponse<?> response) {
        Object body = response.body();
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body instanceof byte[] raw ? raw : json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the answer of a call with an " + IdempotencyKey.HEADER, e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)
                    && !values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return new KeptAnswer(response.code(), response.getContentType().map(MediaType::toString).orElse(null),
                bytes, headers);
    }

    private static MutableHttpResponse<?> replay(IdempotentCalls.Answer answer) {
        KeptAnswer kept = answer.kept();
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(kept.status()))
                .body(kept.body());
        if (kept.contentType() != null) {
            response.contentType(kept.contentType());
        }
        kept.headers().forEach(response::header);
        if (answer.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response;
    }
}
