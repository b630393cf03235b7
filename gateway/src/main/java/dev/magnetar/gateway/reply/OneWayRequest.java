package dev.magnetar.gateway.reply;

import java.util.Map;
import org.apache.pulsar.common.schema.SchemaInfo;

/**
 * A request sent without waiting for its reply here (see {@link RequestReplyClient#send}).
 *
 * @param topic           the function's input topic
 * @param body            the payload
 * @param contentType     the caller's content type, or null
 * @param extraProperties properties to carry besides the protocol's (trace context); the protocol's win
 * @param writer          the registered schema the body is written with, whose version the message carries; or null
 */
public record OneWayRequest(String topic, byte[] body, String contentType, Map<String, String> extraProperties,
                            SchemaInfo writer) {
    /** A request whose body needs no schema version to be read. */
    public OneWayRequest(String topic, byte[] body, String contentType, Map<String, String> extraProperties) {
        this(topic, body, contentType, extraProperties, null);
    }
}
