package dev.magnetar.runtime.loop;

import dev.magnetar.api.protocol.MessageProperties;
import java.util.Map;

/**
 * The request/reply properties of an input message. A message without a reply topic is a plain
 * event; with one, a caller (a gateway) is waiting for the answer.
 *
 * @param replyTo       the caller's reply topic, or null
 * @param correlationId pairs the reply with the waiting call
 * @param deadline      epoch ms after which nobody waits, or 0 for none
 */
record Request(String replyTo, String correlationId, long deadline) {
    /** A plain event's: most inputs carry no properties at all, and this runs once per message. */
    static final Request NONE = new Request(null, null, 0);

    static Request of(Map<String, String> properties) {
        if (properties.isEmpty()) {
            return NONE;
        }
        String replyTo = properties.get(MessageProperties.REPLY_TO);
        return new Request(replyTo == null || replyTo.isBlank() ? null : replyTo,
                properties.get(MessageProperties.CORRELATION_ID), parseDeadline(properties.get(MessageProperties.DEADLINE)));
    }

    boolean wantsReply() {
        return replyTo != null;
    }

    boolean hasDeadline() {
        return deadline > 0;
    }

    boolean expired(long nowMillis) {
        return deadline > 0 && deadline < nowMillis;
    }

    /** A malformed deadline is ignored rather than dropping the request: the caller's own timeout still applies. */
    private static long parseDeadline(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
