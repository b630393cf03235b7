package dev.magnetar.bench.gateway;

import java.util.concurrent.CompletableFuture;

/** One request/reply call of a side under test: completes when the answer is in, exceptionally on any error. */
@FunctionalInterface
public interface Caller {

    CompletableFuture<?> call();
}
