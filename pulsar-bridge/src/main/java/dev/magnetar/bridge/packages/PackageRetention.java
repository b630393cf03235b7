package dev.magnetar.bridge.packages;

import dev.magnetar.api.packages.PulsarPackage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.TopicMessageId;
import org.apache.pulsar.common.policies.data.SubscriptionStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the versions of a function's jar that no replica will fetch again, so a package topic does
 * not grow with every update.
 *
 * <p>The keeper subscription acknowledges them: a chunked message by the id its consumer returns,
 * which acknowledges every chunk. The broker may then delete the ledgers that hold only
 * acknowledged messages, but never the ledger it is writing to: the topic is unloaded, which
 * closes that ledger, so each version lies in a ledger of its own and can later be dropped alone.
 * Trimming deletes the consumed ledgers now instead of at the broker's next retention check. A
 * namespace whose retention policy keeps consumed messages keeps these too, as long as it says.
 */
public final class PackageRetention {
    /** Long enough for a multi-megabyte jar to arrive; ending early only leaves versions for next time. */
    private static final int RECEIVE_SECONDS = 10;
    private static final int ACK_SECONDS = 30;
    private static final long ACK_POLL_MS = 50;
    private static final int TRIM_BEFORE_UNLOAD_SECONDS = 2;
    private static final int TRIM_SECONDS = 10;
    private static final long TRIM_POLL_MS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(PackageRetention.class);
    private final PulsarClient client;
    private final PulsarAdmin admin;

    public PackageRetention(PulsarClient client, PulsarAdmin admin) {
        this.client = client;
        this.admin = admin;
    }

    /**
     * Keeps, of the packages on {@code topic}, the newest message of each digest in {@code keep}, and
     * drops the rest (other digests, older copies of a kept one, messages that are no package).
     *
     * @return how many messages were dropped
     * @throws IllegalStateException naming the topic when Pulsar refused a step; what was acknowledged stays so
     */
    public int keepOnly(String topic, Set<String> keep) {
        Selection selection;
        try {
            selection = acknowledgeAllBut(topic, keep);
        } catch (PulsarClientException | PulsarAdminException e) {
            throw new IllegalStateException("cannot drop old versions from package topic " + topic + ": "
                    + e.getMessage() + "; they stay until the next update", e);
        }
        int dropped = selection.dropped().size();
        try {
            // Trim first, while the keeper's acknowledgements are in the broker's memory: an unload before it could
            // lose those not yet persisted. Then unload, which closes the ledger the newest version went to, so it
            // can be dropped alone later; a dropped message in that ledger is freed by a trim after it.
            Set<Long> left = trimUntilGone(topic, selection.ledgersToFree(), TRIM_BEFORE_UNLOAD_SECONDS);
            admin.topics().unload(topic);
            if (!left.isEmpty()) {
                left = trimUntilGone(topic, left, TRIM_SECONDS);
            }
            if (!left.isEmpty()) {
                LOG.warn("Package topic {} still holds ledgers {} of dropped versions after {} s of trimming; the"
                        + " broker frees them at its next retention check", topic, left, TRIM_SECONDS);
            }
        } catch (PulsarAdminException e) {
            throw new IllegalStateException("dropped " + dropped + " old version(s) from package topic " + topic
                    + " but could not roll and trim its ledgers: " + e.getMessage()
                    + "; the broker frees them at its next retention check", e);
        }
        return dropped;
    }

    /** What the keeper acknowledged, and what it kept. */
    record Selection(List<MessageId> dropped, List<MessageId> kept) {
        /** The ledgers that hold dropped messages only: each goes once the topic is trimmed. */
        Set<Long> ledgersToFree() {
            Set<Long> free = new HashSet<>(ledgers(dropped));
            free.removeAll(ledgers(kept));
            return free;
        }

        private static Set<Long> ledgers(List<MessageId> ids) {
            Set<Long> ledgers = new HashSet<>();
            for (MessageId id : ids) {
                if (id instanceof MessageIdAdv adv) {
                    ledgers.add(adv.getLedgerId());
                    if (adv.getFirstChunkMessageId() != null) {
                        ledgers.add(adv.getFirstChunkMessageId().getLedgerId());
                    }
                }
            }
            return ledgers;
        }
    }

    /** Trims until {@code ledgers} are gone or {@code seconds} have passed; returns those left. */
    private Set<Long> trimUntilGone(String topic, Set<Long> ledgers, int seconds) throws PulsarAdminException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            admin.topics().trimTopic(topic);
            Set<Long> left = new HashSet<>(ledgers);
            left.retainAll(admin.topics().getInternalStats(topic).ledgers.stream().map(ledger -> ledger.ledgerId)
                    .toList());
            if (left.isEmpty() || System.nanoTime() - deadline > 0) {
                return left;
            }
            try {
                Thread.sleep(TRIM_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return left;
            }
        }
    }

    private Selection acknowledgeAllBut(String topic, Set<String> keep) throws PulsarClientException, PulsarAdminException {
        try (Consumer<byte[]> keeper = client.newConsumer(Schema.BYTES).topic(topic)
                .subscriptionName(PulsarPackage.KEEPER_SUBSCRIPTION)
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                .acknowledgmentGroupTime(0, TimeUnit.MILLISECONDS).isAckReceiptEnabled(true).subscribe()) {
            List<Message<byte[]>> backlog = readBacklog(keeper);
            List<MessageId> drop = superseded(backlog, keep);
            long before = keeperBacklog(topic);
            for (MessageId id : drop) {
                keeper.acknowledge(id);
            }
            awaitAcknowledged(topic, before - entries(drop));
            List<MessageId> kept = backlog.stream().map(Message::getMessageId).filter(id -> !drop.contains(id))
                    .toList();
            return new Selection(drop, kept);
        }
    }

    /**
     * The backlog entries {@code messages} take: a chunked message one per chunk, which its id spans from the first
     * chunk to the last (a package topic has one publisher at a time, so its chunks lie side by side).
     */
    static long entries(List<MessageId> messages) {
        long entries = 0;
        for (MessageId id : messages) {
            entries += id instanceof MessageIdAdv last && last.getFirstChunkMessageId() != null
                    && last.getFirstChunkMessageId().getLedgerId() == last.getLedgerId()
                    ? last.getEntryId() - last.getFirstChunkMessageId().getEntryId() + 1 : 1;
        }
        return entries;
    }

    /**
     * Waits until the broker has applied the acknowledgements: the receipt of a chunked message's acknowledgement can
     * arrive before the broker moved the cursor over every chunk, and an unload in between would forget the rest, so
     * the ledger would never be trimmed. Past the wait the trim goes ahead: what is left is dropped next time.
     */
    private void awaitAcknowledged(String topic, long atMost) throws PulsarAdminException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACK_SECONDS);
        while (keeperBacklog(topic) > atMost && System.nanoTime() < deadline) {
            try {
                Thread.sleep(ACK_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long keeperBacklog(String topic) throws PulsarAdminException {
        SubscriptionStats keeper = admin.topics().getStats(topic).getSubscriptions()
                .get(PulsarPackage.KEEPER_SUBSCRIPTION);
        return keeper == null ? 0 : keeper.getMsgBacklog();
    }

    /** Everything the keeper has not acknowledged, up to the topic's last message when it was asked. */
    private static List<Message<byte[]>> readBacklog(Consumer<byte[]> keeper) throws PulsarClientException {
        List<TopicMessageId> last = keeper.getLastMessageIds();
        List<Message<byte[]>> backlog = new ArrayList<>();
        if (last.isEmpty()) {
            return backlog;
        }
        MessageId end = last.get(0);
        Message<byte[]> message;
        while ((message = keeper.receive(RECEIVE_SECONDS, TimeUnit.SECONDS)) != null) {
            backlog.add(message);
            if (message.getMessageId().compareTo(end) >= 0) {
                break;
            }
        }
        return backlog;
    }

    /** The messages to drop: a digest not kept, or kept but followed by a newer copy. */
    static List<MessageId> superseded(List<Message<byte[]>> backlog, Set<String> keep) {
        Map<String, MessageId> newest = new HashMap<>();
        for (Message<byte[]> message : backlog) {
            String digest = message.getProperty(PulsarPackage.SHA256_PROPERTY);
            if (digest != null && keep.contains(digest)) {
                newest.put(digest, message.getMessageId());
            }
        }
        List<MessageId> drop = new ArrayList<>();
        for (Message<byte[]> message : backlog) {
            String digest = message.getProperty(PulsarPackage.SHA256_PROPERTY);
            if (digest == null || !message.getMessageId().equals(newest.get(digest))) {
                drop.add(message.getMessageId());
            }
        }
        return drop;
    }
}
