package dev.magnetar.runtime.loop;

import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.protocol.ReplyStatus;
import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import dev.magnetar.runtime.publish.Publisher;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Builds and sends the reply a waiting caller gets: status, correlation id, content type, body. */
final class Replies {
    private static final byte[] EMPTY = new byte[0];

    private final Publisher publisher;
    private final RuntimeMetrics metrics;

    Replies(Publisher publisher, RuntimeMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** No request, nothing to send. */
    CompletableFuture<?> ok(Request request, Payload payload) {
        if (!request.wantsReply()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, String> properties = base(request, ReplyStatus.OK);
        properties.put(MessageProperties.CONTENT_TYPE, payload == null ? Payload.BINARY : payload.contentType());
        return send(request, properties, payload == null ? EMPTY : payload.bytes());
    }

    CompletableFuture<?> error(Request request, String message) {
        Map<String, String> properties = base(request, ReplyStatus.ERROR);
        properties.put(MessageProperties.ERROR, message);
        properties.put(MessageProperties.CONTENT_TYPE, Payload.TEXT);
        return send(request, properties, EMPTY);
    }

    private CompletableFuture<?> send(Request request, Map<String, String> properties, byte[] body) {
        return publisher.reply(request.replyTo(), properties, body).thenRun(metrics::replied);
    }

    private static Map<String, String> base(Request request, ReplyStatus status) {
        Map<String, String> properties = new HashMap<>();
        if (request.correlationId() != null) {
            properties.put(MessageProperties.CORRELATION_ID, request.correlationId());
        }
        properties.put(MessageProperties.STATUS, status.wireValue());
        return properties;
    }
}
