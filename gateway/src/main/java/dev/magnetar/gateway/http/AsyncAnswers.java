package dev.magnetar.gateway.http;

import dev.magnetar.api.protocol.ReplyStatus;
import dev.magnetar.gateway.async.AsyncConfig;
import dev.magnetar.gateway.async.AsyncHeaders;
import dev.magnetar.gateway.async.AsyncRefusedException;
import dev.magnetar.gateway.async.CallIds;
import dev.magnetar.gateway.async.CallRecord;
import dev.magnetar.gateway.async.CallResult;
import dev.magnetar.gateway.reply.Reply;
import dev.magnetar.gateway.reply.RequestSendException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/** The answers about asynchronous calls, and a function's reply as the result a call keeps. */
final class AsyncAnswers {
    private AsyncAnswers() {
    }

    /** 202 with the call's id, the moment the call is accepted. */
    static MutableHttpResponse<?> accepted(CallRecord call) {
        return HttpResponse.status(HttpStatus.ACCEPTED).header(AsyncHeaders.CALL_ID, call.id())
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(view(call));
    }

    /** A kept call: 202 while pending, 200 with its result when done. */
    static MutableHttpResponse<?> of(CallRecord call) {
        if (call.pending()) {
            return accepted(call);
        }
        return HttpResponse.ok(view(call)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(AsyncHeaders.CALL_ID, call.id())
                .header(AsyncHeaders.FUNCTION_STATUS, Integer.toString(call.result().status()))
                .header(AsyncHeaders.DURATION_SECONDS, AsyncHeaders.durationSeconds(call));
    }

    static MutableHttpResponse<?> unknown(String id, Duration retention) {
        String call = CallIds.isSafe(id) ? "call '" + id + "'" : "that call";
        return GatewayResponses.error(HttpStatus.NOT_FOUND, call + " is not known: it was never accepted, or it"
                + " expired (results are kept " + retention + " after they finished, " + AsyncConfig.RETENTION + ")");
    }

    /** Why an asynchronous call was not accepted. */
    static MutableHttpResponse<?> refused(String fqfn, Throwable failure) {
        Throwable error = unwrap(failure);
        if (error instanceof AsyncRefusedException refused) {
            return switch (refused.reason()) {
                case FULL -> GatewayResponses.error(HttpStatus.TOO_MANY_REQUESTS, refused.getMessage())
                        .header(HttpHeaders.RETRY_AFTER, GatewayResponses.RETRY_AFTER_SECONDS);
                case ID_TAKEN -> GatewayResponses.error(HttpStatus.CONFLICT, refused.getMessage());
                case UNAVAILABLE -> GatewayResponses.error(HttpStatus.SERVICE_UNAVAILABLE, refused.getMessage());
            };
        }
        if (error instanceof RequestSendException || error instanceof IllegalStateException) {
            return GatewayResponses.error(HttpStatus.SERVICE_UNAVAILABLE, "cannot call function " + fqfn + ": "
                    + error.getMessage());
        }
        return GatewayResponses.error(HttpStatus.INTERNAL_SERVER_ERROR, "gateway error calling function " + fqfn
                + " asynchronously: " + error);
    }

    /** The reply as a synchronous call would have answered it: the output, or a 500 with the function's error. */
    static CallResult result(JsonMapper json, CallRecord call, Reply reply, long finishedAt) {
        if (reply.status() == ReplyStatus.OK) {
            return new CallResult(200, GatewayResponses.contentType(reply.contentType()), reply.body(), finishedAt);
        }
        try {
            byte[] body = json.writeValueAsBytes(new GatewayError("function " + call.fqfn() + " failed: "
                    + reply.error()));
            return new CallResult(500, MediaType.APPLICATION_JSON, body, finishedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the error of call " + call.id(), e);
        }
    }

    static CallView view(CallRecord call) {
        String acceptedAt = Instant.ofEpochMilli(call.acceptedAt()).toString();
        String callback = call.callbackUrl() == null ? null : call.callback().name().toLowerCase(Locale.ROOT);
        CallResult result = call.result();
        if (result == null) {
            return new CallView(call.id(), call.fqfn(), "pending", acceptedAt, null, null, null, null, null, null,
                    callback);
        }
        String text = utf8(result.body());
        return new CallView(call.id(), call.fqfn(), "done", acceptedAt, result.status(), result.contentType(),
                text != null ? text : Base64.getEncoder().encodeToString(result.body()),
                text != null ? "utf-8" : "base64", call.durationSeconds(),
                Instant.ofEpochMilli(result.finishedAt()).toString(), callback);
    }

    /** The bytes as text when they are valid UTF-8, which then reads back to the same bytes; else null. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
