package dev.magnetar.gateway.reply;

/**
 * @param replyTopic   this instance's reply topic (non-persistent, one consumer)
 * @param maxPending   most callers waiting at once; more fail with {@link TooManyPendingRequestsException}
 * @param maxProducers most request topics with an open producer; the least recently used is closed
 */
public record RequestReplySettings(String replyTopic, int maxPending, int maxProducers) {
}
