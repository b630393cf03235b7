package dev.magnetar.gateway.async;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a finished call's result to its callback URL until it is delivered or given up: a failure that may pass
 * (no connection, 5xx) is tried again as the {@link CallbackSchedule} says; any other is given up at once. A given-up
 * callback is logged once, with the reason. The URL is checked against the allow-list again before the first post:
 * the list may have changed since the call was accepted.
 */
final class CallbackDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackDelivery.class);

    private final CallbackSender sender;
    private final CallbackSchedule schedule;
    private final CallbackHosts hosts;
    private final ScheduledExecutorService timer;
    private final AsyncMetrics metrics;

    CallbackDelivery(CallbackSender sender, CallbackSchedule schedule, CallbackHosts hosts,
                     ScheduledExecutorService timer, AsyncMetrics metrics) {
        this.sender = sender;
        this.schedule = schedule;
        this.hosts = hosts;
        this.timer = timer;
        this.metrics = metrics;
    }

    /**
     * Completes with {@code DELIVERED} or {@code FAILED}; never fails. It does not complete when the gateway shuts
     * down between attempts: the result is then delivered by another instance.
     */
    CompletableFuture<CallRecord.CallbackState> deliver(CallRecord call) {
        CompletableFuture<CallRecord.CallbackState> outcome = new CompletableFuture<>();
        URI url;
        try {
            url = hosts.check(call.callbackUrl());
        } catch (IllegalArgumentException e) {
            giveUp(call, 0, CallbackAttempt.refused(e.getMessage()), outcome);
            return outcome;
        }
        attempt(call, url, 1, outcome);
        return outcome;
    }

    private void attempt(CallRecord call, URI url, int attempt, CompletableFuture<CallRecord.CallbackState> outcome) {
        sender.post(call, url).thenAccept(result -> {
            if (result.delivered()) {
                metrics.delivered();
                LOG.debug("Delivered the result of call {} on attempt {}", call.id(), attempt);
                outcome.complete(CallRecord.CallbackState.DELIVERED);
                return;
            }
            Optional<Duration> delay = result.retryable() ? schedule.delayBefore(attempt + 1) : Optional.empty();
            if (delay.isEmpty()) {
                giveUp(call, attempt, result, outcome);
                return;
            }
            metrics.retried();
            LOG.debug("Callback of call {} failed on attempt {} ({}); trying again in {} ms", call.id(), attempt,
                    result.reason(), delay.get().toMillis());
            try {
                timer.schedule(() -> attempt(call, url, attempt + 1, outcome), delay.get().toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("Shutting down: the callback of call {} is left to another gateway", call.id());
            }
        });
    }

    private void giveUp(CallRecord call, int attempts, CallbackAttempt result,
                        CompletableFuture<CallRecord.CallbackState> outcome) {
        metrics.failed();
        LOG.warn("Gave up the callback of call {} of function {} to {} after {} attempt(s): {}", call.id(), call.fqfn(),
                withoutQuery(call.callbackUrl()), attempts, result.reason());
        outcome.complete(CallRecord.CallbackState.FAILED);
    }

    /** A callback URL's query may carry a secret of the caller's: logs show the rest. */
    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }
}
