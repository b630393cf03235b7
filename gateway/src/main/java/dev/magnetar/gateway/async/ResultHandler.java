package dev.magnetar.gateway.async;

import dev.magnetar.api.protocol.ReplyStatus;
import dev.magnetar.gateway.reply.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one result of an asynchronous call does: it finishes its call in the store (GET answers with it from then
 * on), then goes to the call's callback, and what became of the callback is stored too. A result that arrives twice
 * (a replica redelivered the request, or a gateway stopped before acknowledging) finishes nothing twice and goes
 * to no callback that was already delivered or given up.
 */
final class ResultHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ResultHandler.class);

    private final CallStore store;
    private final CallbackDelivery callbacks;
    private final ResultFormat format;
    private final AsyncMetrics metrics;
    private final Duration retention;
    private final Clock clock;

    ResultHandler(CallStore store, CallbackDelivery callbacks, ResultFormat format, AsyncMetrics metrics,
                  Duration retention, Clock clock) {
        this.store = store;
        this.callbacks = callbacks;
        this.format = format;
        this.metrics = metrics;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Completes when the result may be acknowledged: stored, and its callback delivered or given up. Fails when the
     * store could not be read or written: the result is then to be delivered again.
     *
     * @param publishedAt when the replica published the reply, epoch ms (0 when unknown)
     */
    CompletableFuture<Void> handle(String callId, Reply reply, long publishedAt) {
        return store.findFresh(callId).thenCompose(found -> {
            if (found.isEmpty()) {
                LOG.info("Dropped the result of call {}: no gateway keeps that call any more (it expired after {}, or"
                        + " was never accepted)", callId, retention);
                return CompletableFuture.completedFuture(null);
            }
            CallRecord call = found.get();
            if (!call.pending() && call.callback() != CallRecord.CallbackState.PENDING) {
                LOG.debug("Call {} had its result already", callId);
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<CallRecord> finished = call.pending() ? finish(call, reply, publishedAt)
                    : CompletableFuture.completedFuture(call);
            return finished.thenCompose(this::callBack);
        });
    }

    private CompletableFuture<CallRecord> finish(CallRecord call, Reply reply, long publishedAt) {
        long finishedAt = Math.max(call.acceptedAt(), publishedAt);
        // Kept for the retention from now, not from when it finished: no gateway may have run in between.
        CallRecord done = call.finish(format.of(call, reply, finishedAt), clock.millis() + retention.toMillis());
        return store.put(done).thenApply(stored -> {
            metrics.completed(reply.status() == ReplyStatus.OK);
            return done;
        });
    }

    private CompletableFuture<Void> callBack(CallRecord call) {
        if (call.callback() != CallRecord.CallbackState.PENDING) {
            return CompletableFuture.completedFuture(null);
        }
        return callbacks.deliver(call).thenCompose(state -> {
            Optional<CallRecord> kept = store.find(call.id());
            if (kept.isEmpty()) {
                return CompletableFuture.completedFuture(null); // forgotten meanwhile: nothing to note it on
            }
            return store.put(kept.get().withCallback(state)).exceptionally(error -> {
                LOG.debug("Could not note the callback of call {}: {}", call.id(), error.toString());
                return null;
            });
        });
    }
}
