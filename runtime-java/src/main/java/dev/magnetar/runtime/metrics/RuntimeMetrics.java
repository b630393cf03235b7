package dev.magnetar.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replica's statistics, exposed on {@code /metrics} in Prometheus text format. Every meter
 * carries the function ({@code tenant/namespace/name}) and the instance id.
 */
public final class RuntimeMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Tags tags;
    private final Counter received;
    private final Counter processed;
    private final Counter failed;
    private final Counter expired;
    private final Counter replies;
    private final Counter publishFailures;
    private final Counter directOk;
    private final Counter directFailed;
    private final Timer latency;
    private final AtomicInteger inFlight = new AtomicInteger();

    public RuntimeMetrics(String fqfn, int instanceId) {
        tags = Tags.of("function", fqfn, "instance", Integer.toString(instanceId));
        received = counter("magnetar.messages.received", "Messages taken from the input subscription");
        processed = counter("magnetar.messages.processed", "Messages the function processed successfully");
        failed = counter("magnetar.messages.failed", "Invocations that threw, timed out or got an undecodable input");
        expired = counter("magnetar.requests.expired", "Requests dropped unprocessed because their deadline had passed");
        replies = counter("magnetar.replies.sent", "Replies published to request/reply callers");
        publishFailures = counter("magnetar.publish.failures", "Outputs or replies the broker did not accept");
        directOk = Counter.builder("magnetar.invoke.direct").description("HTTP /invoke calls").tags(tags)
                .tag("outcome", "ok").register(registry);
        directFailed = Counter.builder("magnetar.invoke.direct").description("HTTP /invoke calls").tags(tags)
                .tag("outcome", "error").register(registry);
        latency = Timer.builder("magnetar.process.latency").description("Time from receive to the function's result")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
        Gauge.builder("magnetar.messages.in.flight", inFlight, AtomicInteger::get)
                .description("Messages being processed right now").tags(tags).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    public void received() {
        received.increment();
        inFlight.incrementAndGet();
    }

    /** A message left the replica's hands (acked, negatively acked or dropped). */
    public void finished() {
        inFlight.decrementAndGet();
    }

    public void processed(long nanos) {
        processed.increment();
        latency.record(Duration.ofNanos(nanos));
    }

    public void failed(long nanos) {
        failed.increment();
        latency.record(Duration.ofNanos(nanos));
    }

    public void expired() {
        expired.increment();
    }

    public void replied() {
        replies.increment();
    }

    public void invokedDirectly(boolean ok) {
        (ok ? directOk : directFailed).increment();
    }

    public void publishFailed() {
        publishFailures.increment();
    }

    /** {@code Context.recordMetric}: one summary, the user's metric name as a tag. */
    public void userMetric(String name, double value) {
        DistributionSummary.builder("magnetar.user.metric").tags(tags).tag("name", name).register(registry).record(value);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public String scrape() {
        return registry.scrape();
    }
}
