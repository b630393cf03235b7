package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.protocol.ReplyStatus;
import dev.magnetar.gateway.reply.Reply;
import dev.magnetar.gateway.reply.ReplyTimeoutException;
import dev.magnetar.gateway.reply.RequestSendException;
import dev.magnetar.gateway.reply.TooManyPendingRequestsException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class GatewayResponsesTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    @Test
    void okReplyIsTheBodyWithItsContentType() {
        var response = GatewayResponses.of("t/ns/f", TIMEOUT, new Reply(ReplyStatus.OK, "HI".getBytes(), "text/plain", null), null);

        assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
        assertThat((byte[]) response.body()).asString().isEqualTo("HI");
        assertThat(response.getContentType()).contains(MediaType.TEXT_PLAIN_TYPE);
    }

    @Test
    void okReplyWithoutContentTypeIsOctetStream() {
        var response = GatewayResponses.of("t/ns/f", TIMEOUT, new Reply(ReplyStatus.OK, null, null, null), null);

        assertThat(response.getContentType()).contains(MediaType.APPLICATION_OCTET_STREAM_TYPE);
    }

    @Test
    void aDeclaredTypeThatIsNotAMediaTypeIsSentAsBytes() {
        for (String declared : new String[] {"text/plain\r\nSet-Cookie: a=b", "text/plain\u0000", "plain", "a/b; q=x", " "}) {
            var response = GatewayResponses.of("t/ns/f", TIMEOUT, new Reply(ReplyStatus.OK, null, declared, null), null);

            assertThat(response.getContentType()).as(declared).contains(MediaType.APPLICATION_OCTET_STREAM_TYPE);
        }
        assertThat(GatewayResponses.contentType("application/json; charset=\"utf-8\"")).isEqualTo("application/json; charset=\"utf-8\"");
    }

    @Test
    void aLostBrokerConnectionIs503WithRetryAfterNamingWhatIsDisconnected() {
        var error = new dev.magnetar.gateway.reply.RequestSendException("persistent://t/ns/in",
                new dev.magnetar.gateway.reply.BrokerDisconnectedException("the producer of persistent://t/ns/in"));

        var response = GatewayResponses.of("t/ns/f", TIMEOUT, null, new java.util.concurrent.CompletionException(error));

        assertThat(response.code()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
        assertThat(response.getHeaders().get(io.micronaut.http.HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.body().toString()).contains("the producer of persistent://t/ns/in is not connected");
    }

    @Test
    void errorReplyIs500WithTheFunctionsMessage() {
        var response = GatewayResponses.of("t/ns/f", TIMEOUT, new Reply(ReplyStatus.ERROR, null, null, "boom"), null);

        assertThat(response.code()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR.getCode());
        assertThat(reason(response)).isEqualTo("function t/ns/f failed: boom");
    }

    @Test
    void timeoutIs504NamingTheTimeout() {
        var response = GatewayResponses.of("t/ns/f", TIMEOUT, null,
                new CompletionException(new ReplyTimeoutException("in", TIMEOUT)));

        assertThat(response.code()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT.getCode());
        assertThat(reason(response)).contains("t/ns/f").contains("1500 ms").contains(InvocationTimeout.HEADER);
    }

    @Test
    void fullTableIs429WithRetryAfter() {
        var response = GatewayResponses.of("t/ns/f", TIMEOUT, null, new TooManyPendingRequestsException(7));

        assertThat(response.code()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS.getCode());
        assertThat(response.getHeaders().get(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(reason(response)).contains("magnetar.gateway.max-pending=7");
    }

    @Test
    void unpublishableRequestIs503() {
        var response = GatewayResponses.of("t/ns/f", TIMEOUT, null,
                new RequestSendException("in", new RuntimeException("connection refused")));

        assertThat(response.code()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
        assertThat(reason(response)).contains("connection refused");
    }

    @Test
    void tooLargeNamesTheLimitAndTheKey() {
        var response = GatewayResponses.tooLarge(2048, 1024);

        assertThat(response.code()).isEqualTo(HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode());
        assertThat(reason(response)).contains("2048").contains("1024").contains("magnetar.gateway.max-body-bytes");
    }

    private static String reason(MutableHttpResponse<?> response) {
        return ((GatewayError) response.body()).reason();
    }
}
