package dev.magnetar.gateway.reply;

import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.protocol.ReplyStatus;
import java.util.Map;

/**
 * What a function answered to one request.
 *
 * @param status      ok or error
 * @param body        the function's output bytes; empty on error or when it returned nothing
 * @param contentType MIME type the runtime declared, or null
 * @param error       the function's one-line error message when status is error, else null
 */
public record Reply(ReplyStatus status, byte[] body, String contentType, String error) {
    public Reply {
        body = body == null ? new byte[0] : body;
    }

    /** Reads a reply from a reply message's properties and payload; a missing status counts as an error. */
    public static Reply fromMessage(Map<String, String> properties, byte[] payload) {
        ReplyStatus status = ReplyStatus.fromWire(properties.get(MessageProperties.STATUS));
        String error = properties.get(MessageProperties.ERROR);
        if (status == ReplyStatus.ERROR && (error == null || error.isBlank())) {
            error = properties.containsKey(MessageProperties.STATUS)
                    ? "the function failed without an error message"
                    : "the reply carried no " + MessageProperties.STATUS + " property";
        }
        return new Reply(status, payload, properties.get(MessageProperties.CONTENT_TYPE), error);
    }
}
