package dev.magnetar.gateway.reply;

import dev.magnetar.api.protocol.MessageProperties;
import java.util.HashMap;
import java.util.Map;

/** The message properties of a request (contract: correlation id, reply topic, deadline, content type). */
final class RequestProperties {
    private RequestProperties() {
    }

    /**
     * Caller-supplied properties first, then the protocol ones, which always win: a caller cannot
     * redirect or mis-correlate a reply.
     */
    static Map<String, String> build(String correlationId, String replyTopic, long deadlineEpochMs,
                                     String contentType, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>();
        if (extra != null) {
            extra.forEach((key, value) -> {
                if (key != null && value != null) {
                    properties.put(key, value);
                }
            });
        }
        properties.put(MessageProperties.CORRELATION_ID, correlationId);
        properties.put(MessageProperties.REPLY_TO, replyTopic);
        properties.put(MessageProperties.DEADLINE, Long.toString(deadlineEpochMs));
        if (contentType != null && !contentType.isBlank()) {
            properties.put(MessageProperties.CONTENT_TYPE, contentType);
        } else {
            properties.remove(MessageProperties.CONTENT_TYPE);
        }
        return properties;
    }
}
