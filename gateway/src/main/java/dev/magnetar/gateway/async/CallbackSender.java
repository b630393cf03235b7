package dev.magnetar.gateway.async;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One post of a finished call's result to its callback URL, as OpenFaaS posts it: the function's output (or the
 * error answer) as the body, with {@code X-Call-Id}, {@code X-Function-Status}, {@code X-Duration-Seconds} and
 * {@code X-Function-Name}. Redirects are not followed: they could lead past the callback hosts' allow-list.
 */
final class CallbackSender {
    private final HttpClient http;
    private final Duration timeout;

    CallbackSender(Duration timeout) {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build(), timeout);
    }

    CallbackSender(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** Never fails: a failure is an attempt that was not delivered. */
    CompletableFuture<CallbackAttempt> post(CallRecord call, URI url) {
        HttpRequest request;
        try {
            request = request(call, url);
        } catch (IllegalArgumentException e) {
            // A header value the HTTP client will not send (the content type a function declared): nothing to retry.
            return CompletableFuture.completedFuture(CallbackAttempt.refused("cannot post it: " + e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error == null ? CallbackAttempt.answered(response.statusCode())
                        : CallbackAttempt.unreachable(unwrap(error)));
    }

    private HttpRequest request(CallRecord call, URI url) {
        CallResult result = call.result();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header(AsyncHeaders.CALL_ID, call.id())
                .header(AsyncHeaders.FUNCTION_STATUS, Integer.toString(result.status()))
                .header(AsyncHeaders.DURATION_SECONDS, AsyncHeaders.durationSeconds(call))
                .header(AsyncHeaders.FUNCTION_NAME, call.fqfn())
                .POST(HttpRequest.BodyPublishers.ofByteArray(result.body()));
        if (result.contentType() != null) {
            request.header("Content-Type", result.contentType());
        }
        return request.build();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
