package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.gateway.reply.Reply;
import dev.magnetar.gateway.reply.ReplyTimeoutException;
import dev.magnetar.gateway.reply.RequestSendException;
import dev.magnetar.gateway.reply.TooManyPendingRequestsException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * What a caller sends and what a reply message carries become an HTTP answer, whatever their text: a timeout
 * header is a deadline within the maximum or a 400, and every reply or failure maps to a response whose headers
 * the server can write. Committed inputs live in {@code GatewayResponsesFuzzTestInputs/}.
 */
class GatewayResponsesFuzzTest {
    private static final String[] PROPERTY_NAMES = {MessageProperties.STATUS, MessageProperties.ERROR,
            MessageProperties.CONTENT_TYPE, MessageProperties.CORRELATION_ID, MessageProperties.TRACEPARENT};
    private static final Set<Integer> FAILURE_CODES = Set.of(HttpStatus.TOO_MANY_REQUESTS.getCode(),
            HttpStatus.GATEWAY_TIMEOUT.getCode(), HttpStatus.SERVICE_UNAVAILABLE.getCode(),
            HttpStatus.INTERNAL_SERVER_ERROR.getCode());

    @FuzzTest(maxDuration = "60s")
    void aTimeoutHeaderIsADeadlineWithinTheMaximumOrABadRequest(FuzzedDataProvider data) {
        long functionTimeoutMs = data.consumeLong(1, Long.MAX_VALUE);
        Duration max = Duration.ofMillis(data.consumeLong(1, Long.MAX_VALUE));
        String header = data.consumeBoolean() ? null : data.consumeRemainingAsString();
        try {
            Duration timeout = InvocationTimeout.resolve(functionTimeoutMs, header, max);
            assertThat(timeout).isPositive().isLessThanOrEqualTo(max);
        } catch (IllegalArgumentException e) {
            assertThat(header).isNotBlank();
            assertWritable(GatewayResponses.badRequest(e.getMessage()), HttpStatus.BAD_REQUEST.getCode());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyReplyMessageIsAnAnswer(FuzzedDataProvider data) {
        Map<String, String> properties = new HashMap<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            String name = data.consumeBoolean() ? data.pickValue(PROPERTY_NAMES) : data.consumeString(16);
            properties.put(name, data.consumeBoolean() ? "ok" : data.consumeString(64));
        }
        byte[] payload = data.consumeBoolean() ? null : data.consumeRemainingAsBytes();

        Reply reply = Reply.fromMessage(properties, payload);
        MutableHttpResponse<?> response = GatewayResponses.of("t/ns/f", Duration.ofSeconds(1), reply, null);

        assertWritable(response, reply.status() == dev.magnetar.api.protocol.ReplyStatus.OK
                ? HttpStatus.OK.getCode() : HttpStatus.INTERNAL_SERVER_ERROR.getCode());
    }

    @FuzzTest(maxDuration = "60s")
    void anyFailureIsAnErrorAnswer(FuzzedDataProvider data) {
        String message = data.consumeString(64);
        Throwable error = switch (data.consumeInt(0, 5)) {
            case 0 -> new TooManyPendingRequestsException(data.consumeInt());
            case 1 -> new ReplyTimeoutException(message, Duration.ofMillis(data.consumeLong(0, Long.MAX_VALUE)));
            case 2 -> new RequestSendException(message, new IllegalStateException(message));
            case 3 -> new IllegalStateException(message);
            case 4 -> new CompletionException(null);
            default -> new RuntimeException(message);
        };
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            error = new CompletionException(error);
        }
        Duration timeout = Duration.ofMillis(data.consumeLong(1, Long.MAX_VALUE));

        MutableHttpResponse<?> response = GatewayResponses.of(data.consumeRemainingAsString(), timeout, null, error);

        assertThat(FAILURE_CODES).contains(response.code());
        assertWritable(response, response.code());
    }

    /** The status, and the headers as the server reads them to write the answer. */
    private static void assertWritable(MutableHttpResponse<?> response, int status) {
        assertThat(response.code()).isEqualTo(status);
        assertThat(response.getContentType()).isPresent();
        response.getHeaders().forEach((name, values) -> assertThat(values).doesNotContainNull());
    }
}
