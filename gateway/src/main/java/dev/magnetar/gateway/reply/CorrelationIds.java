package dev.magnetar.gateway.reply;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Correlation ids for one request/reply client: a random prefix drawn once, then a counter. They only need to be
 * unique on this client's reply topic (the prefix keeps a restarted instance with the same topic from matching an
 * old reply); {@code UUID.randomUUID()} per request took a lock on the JDK's shared SecureRandom on every call.
 */
final class CorrelationIds {
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    CorrelationIds() {
        this.prefix = Long.toHexString(new SecureRandom().nextLong()) + "-";
    }

    String next() {
        return prefix + Long.toHexString(next.getAndIncrement());
    }

    /** Whether this client gave out {@code id}: a reply to it nobody waits for came late, not from elsewhere. */
    boolean issued(String id) {
        if (!id.startsWith(prefix)) {
            return false;
        }
        try {
            return Long.parseUnsignedLong(id.substring(prefix.length()), 16) < next.get();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
