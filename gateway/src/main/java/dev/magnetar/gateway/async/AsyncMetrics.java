package dev.magnetar.gateway.async;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** What asynchronous calls and their callbacks did, on the application's Micrometer registry. */
final class AsyncMetrics {
    private final Counter accepted;
    private final Counter completedOk;
    private final Counter completedError;
    private final Counter delivered;
    private final Counter failed;
    private final Counter retried;

    AsyncMetrics(MeterRegistry registry, KeptCalls kept) {
        accepted = Counter.builder("magnetar.gateway.async.accepted")
                .description("Asynchronous calls accepted").register(registry);
        completedOk = completed(registry, "ok");
        completedError = completed(registry, "error");
        delivered = Counter.builder("magnetar.gateway.async.callback.delivered")
                .description("Results posted to their callback URL").register(registry);
        failed = Counter.builder("magnetar.gateway.async.callback.failed")
                .description("Callbacks given up, after their attempts or refused by the receiver").register(registry);
        retried = Counter.builder("magnetar.gateway.async.callback.retried")
                .description("Callback attempts made again after a failure").register(registry);
        Gauge.builder("magnetar.gateway.async.kept", kept, KeptCalls::size)
                .description("Asynchronous calls kept, pending or finished").register(registry);
        Gauge.builder("magnetar.gateway.async.pending", kept, KeptCalls::pending)
                .description("Asynchronous calls accepted and not finished").register(registry);
    }

    void accepted() {
        accepted.increment();
    }

    void completed(boolean ok) {
        (ok ? completedOk : completedError).increment();
    }

    void delivered() {
        delivered.increment();
    }

    void failed() {
        failed.increment();
    }

    void retried() {
        retried.increment();
    }

    private static Counter completed(MeterRegistry registry, String status) {
        return Counter.builder("magnetar.gateway.async.completed").tag("status", status)
                .description("Asynchronous calls whose result arrived").register(registry);
    }
}
