package dev.magnetar.gateway.reply;

import java.util.Map;

/**
 * A request sent without waiting for its reply here (see {@link RequestReplyClient#send}).
 *
 * @param topic           the function's input topic
 * @param body            the payload
 * @param contentType     the caller's content type, or null
 * @param extraProperties properties to carry besides the protocol's (trace context); the protocol's win
 */
public record OneWayRequest(String topic, byte[] body, String contentType, Map<String, String> extraProperties) {
}
