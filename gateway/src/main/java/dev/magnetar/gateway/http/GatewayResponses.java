package dev.magnetar.gateway.http;

import dev.magnetar.api.protocol.ReplyStatus;
import dev.magnetar.gateway.reply.BrokerDisconnectedException;
import dev.magnetar.gateway.reply.Reply;
import dev.magnetar.gateway.reply.ReplyTimeoutException;
import dev.magnetar.gateway.reply.RequestSendException;
import dev.magnetar.gateway.reply.TooManyPendingRequestsException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/** Turns the outcome of an invocation into the HTTP answer; errors in Pulsar's {@code {"reason"}} shape. */
final class GatewayResponses {
    static final String RETRY_AFTER_SECONDS = "1";
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED = "\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\t \\x21-\\x7E])*\"";
    /** RFC 9110's media-type: type/subtype, then parameters whose values are tokens or quoted strings. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            TOKEN + "/" + TOKEN + "(?:[ \\t]*;[ \\t]*" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED + "))*");

    private GatewayResponses() {
    }

    static MutableHttpResponse<?> of(String fqfn, Duration timeout, Reply reply, Throwable error) {
        if (error != null) {
            return failure(fqfn, timeout, unwrap(error));
        }
        if (reply.status() == ReplyStatus.ERROR) {
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "function " + fqfn + " failed: " + reply.error());
        }
        return HttpResponse.ok(reply.body()).contentType(contentType(reply.contentType()));
    }

    /**
     * The type the reply declares when it is a media type a response header can carry; anything else (a reply
     * message's property is whatever its publisher wrote, line breaks included) is sent as bytes.
     */
    static String contentType(String declared) {
        if (declared == null || !MEDIA_TYPE.matcher(declared).matches()) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            MediaType.of(declared);
            return declared;
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    static MutableHttpResponse<?> notFound(String fqfn) {
        return error(HttpStatus.NOT_FOUND, "function " + fqfn + " not found");
    }

    /** Every replica of the function is failing: waiting for a reply would only end in a timeout. */
    static MutableHttpResponse<?> failing(String fqfn, String reason) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "function " + fqfn + " cannot take calls: " + reason);
    }

    static MutableHttpResponse<?> tooLarge(long size, long limit) {
        return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request body of " + size + " bytes is over the limit of "
                + limit + " bytes: send less, or raise " + GatewayConfig.PREFIX + ".max-body-bytes");
    }

    /** Micronaut's own request size limit, met only by bodies above ours too. */
    static MutableHttpResponse<?> overServerLimit(long limit) {
        return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request body is over the limit of " + limit
                + " bytes: send less, or raise " + GatewayConfig.PREFIX
                + ".max-body-bytes (and micronaut.server.max-request-size with it)");
    }

    /** A body that does not fit the function's input schema: 400, or 415 when it is in the wrong form. */
    static MutableHttpResponse<?> rejected(dev.magnetar.gateway.schema.BodyRejectedException rejection) {
        return error(HttpStatus.valueOf(rejection.status()), rejection.getMessage());
    }

    static MutableHttpResponse<?> badRequest(String reason) {
        return error(HttpStatus.BAD_REQUEST, reason);
    }

    static MutableHttpResponse<GatewayError> error(HttpStatus status, String reason) {
        return HttpResponse.<GatewayError>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new GatewayError(reason));
    }

    private static MutableHttpResponse<?> failure(String fqfn, Duration timeout, Throwable error) {
        if (error instanceof TooManyPendingRequestsException tooMany) {
            return error(HttpStatus.TOO_MANY_REQUESTS, tooMany.limit() + " requests are already waiting for a reply ("
                    + GatewayConfig.PREFIX + ".max-pending=" + tooMany.limit() + "): retry later")
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (error instanceof ReplyTimeoutException) {
            return error(HttpStatus.GATEWAY_TIMEOUT, "function " + fqfn + " did not reply within " + timeout.toMillis()
                    + " ms: check that its replicas run; for slow calls raise spec.timeoutMs or send "
                    + InvocationTimeout.HEADER + " (capped by " + GatewayConfig.PREFIX + ".max-timeout)");
        }
        if (error instanceof RequestSendException sending && sending.getCause() instanceof BrokerDisconnectedException) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "cannot invoke function " + fqfn + ": "
                    + sending.getCause().getMessage()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (error instanceof RequestSendException || error instanceof IllegalStateException) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "cannot invoke function " + fqfn + ": " + error.getMessage());
        }
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "gateway error invoking function " + fqfn + ": " + error);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
