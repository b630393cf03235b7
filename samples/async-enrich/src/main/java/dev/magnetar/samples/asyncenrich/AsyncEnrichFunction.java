package dev.magnetar.samples.asyncenrich;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.Function;

/**
 * Enriches an order with its customer's tier from a (simulated) remote lookup. The lookup answers
 * later on a shared scheduler: no thread waits for it, so one replica keeps many orders in flight
 * (set spec.concurrency). User config: {@code delayMs}, the simulated lookup latency (default 50).
 */
public class AsyncEnrichFunction implements Function<Order, CompletableFuture<EnrichedOrder>> {
    static final String DELAY_MS = "delayMs";
    /** Stands in for an async client's IO threads: one thread serves every pending lookup. */
    private static final ScheduledExecutorService IO = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "async-enrich-io");
        thread.setDaemon(true);
        return thread;
    });
    private static final Map<String, String> TIERS = Map.of("acme", "gold", "globex", "silver");

    @Override
    public CompletableFuture<EnrichedOrder> process(Order order, Context context) {
        if (order == null || order.id() == null) {
            throw new IllegalArgumentException("the order has no 'id': send JSON like {\"id\":\"o-1\",\"customer\":\"acme\"}");
        }
        long delayMs = Long.parseLong(String.valueOf(context.getUserConfigValueOrDefault(DELAY_MS, 50)));
        return lookupTier(order.customer(), delayMs)
                .thenApply(tier -> new EnrichedOrder(order.id(), order.customer(), tier));
    }

    static CompletableFuture<String> lookupTier(String customer, long delayMs) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        IO.schedule(() -> answer.complete(TIERS.getOrDefault(customer, "standard")), delayMs, TimeUnit.MILLISECONDS);
        return answer;
    }
}
