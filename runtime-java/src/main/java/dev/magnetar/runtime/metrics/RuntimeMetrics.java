package dev.magnetar.runtime.metrics;

import dev.magnetar.runtime.status.CoarseClock;
import dev.magnetar.runtime.status.InstanceActivity;
import dev.magnetar.runtime.status.UserMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * The replica's statistics, exposed on {@code /metrics} in Prometheus text format. Every meter
 * carries the function ({@code tenant/namespace/name}) and the instance id. The same events feed
 * {@link InstanceActivity}, which {@code /status} reports in Pulsar's terms.
 */
public final class RuntimeMetrics {
    /**
     * The latency histogram's buckets: a fixed, readable set from 0.5 ms to a minute rather than
     * Micrometer's ~70 generated ones — recorded once per message, so fewer buckets cost less.
     * The histogram itself is the Prometheus client's, registered beside Micrometer's meters:
     * about a third of the cost per record of a Micrometer timer, which also keeps a decaying
     * maximum and rotating windows that nothing here reads.
     */
    static final Duration[] LATENCY_BUCKETS = LongStream.of(
                    500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
                    1_000_000, 2_500_000, 5_000_000, 10_000_000, 30_000_000, 60_000_000)
            .mapToObj(Duration.ofNanos(1_000)::multipliedBy).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Tags tags;
    private final Counter failed;
    private final Counter expired;
    private final Counter replies;
    private final Counter publishFailures;
    private final Counter directOk;
    private final Counter directFailed;
    private final DistributionDataPoint latency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final InstanceActivity activity;

    public RuntimeMetrics(String fqfn, int instanceId) {
        tags = Tags.of("function", fqfn, "instance", Integer.toString(instanceId));
        activity = new InstanceActivity(instanceId, CoarseClock::millis, new UserMetrics(registry, tags));
        // Read from the activity's counts, which /status reports too: one increment per message, not two.
        FunctionCounter.builder("magnetar.messages.received", activity, InstanceActivity::receivedCount)
                .description("Messages taken from the input subscription").tags(tags).register(registry);
        FunctionCounter.builder("magnetar.messages.processed", activity, InstanceActivity::processedCount)
                .description("Messages the function processed successfully").tags(tags).register(registry);
        failed = counter("magnetar.messages.failed", "Invocations that threw, timed out or got an undecodable input");
        expired = counter("magnetar.requests.expired", "Requests dropped unprocessed because their deadline had passed");
        replies = counter("magnetar.replies.sent", "Replies published to request/reply callers");
        publishFailures = counter("magnetar.publish.failures", "Outputs or replies the broker did not accept");
        directOk = Counter.builder("magnetar.invoke.direct").description("HTTP /invoke calls").tags(tags)
                .tag("outcome", "ok").register(registry);
        directFailed = Counter.builder("magnetar.invoke.direct").description("HTTP /invoke calls").tags(tags)
                .tag("outcome", "error").register(registry);
        latency = Histogram.builder().name("magnetar_process_latency").unit(Unit.SECONDS)
                .help("Time from decoding the input to the function's result").labelNames("function", "instance")
                .classicUpperBounds(Arrays.stream(LATENCY_BUCKETS).mapToDouble(RuntimeMetrics::seconds).toArray())
                .classicOnly().withoutExemplars()
                .register(registry.getPrometheusRegistry())
                .labelValues(fqfn, Integer.toString(instanceId));
        Gauge.builder("magnetar.messages.in.flight", inFlight, AtomicInteger::get)
                .description("Messages being processed right now").tags(tags).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private static double seconds(Duration duration) {
        return Unit.nanosToSeconds(duration.toNanos());
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    public void received() {
        inFlight.incrementAndGet();
        activity.received();
    }

    /** The function is called for a received message now. */
    public void invoked() {
        activity.invoked();
    }

    /** A message left the replica's hands (acked, negatively acked or dropped). */
    public void finished() {
        inFlight.decrementAndGet();
    }

    public void processed(long nanos) {
        latency.observe(Unit.nanosToSeconds(nanos));
        activity.processed(nanos);
    }

    /** The function's code threw or timed out: a user exception, described in one line. */
    public void failed(long nanos, String reason) {
        failed.increment();
        latency.observe(Unit.nanosToSeconds(nanos));
        activity.userException(nanos, reason);
    }

    /** The input could not be decoded or the result not encoded: the runtime's failure, not the function's. */
    public void undecodable(long nanos, String reason) {
        failed.increment();
        latency.observe(Unit.nanosToSeconds(nanos));
        activity.systemException(reason);
    }

    /** Anything else that went wrong in the runtime around an invocation. */
    public void systemFailure(String reason) {
        activity.systemException(reason);
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

    public void publishFailed(String reason) {
        publishFailures.increment();
        activity.systemException("publish failed: " + reason);
    }

    /** {@code Context.recordMetric}: one summary per name, on {@code /metrics} and in the function's stats. */
    public void userMetric(String name, double value) {
        activity.userMetric(name, value);
    }

    public InstanceActivity activity() {
        return activity;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public String scrape() {
        return registry.scrape();
    }
}
